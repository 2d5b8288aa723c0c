import { z } from 'zod';
import { readStateFile, writeStateFile } from '../state-file.js';

const fileSchema = z.object({
  version: z.literal(1),
  /** user → source IP → last successful login (epoch ms) */
  users: z.record(z.string(), z.record(z.string(), z.number())),
});

export type LoginNovelty = 'known' | 'new-source' | 'first-login';

/**
 * The source addresses each user has logged in from, kept in a small JSON file under the agent's
 * state dir (`ssh-known-logins.json`) so "first login of a user from a new IP" survives restarts.
 * At most `maxSourcesPerUser` addresses per user are kept (the least recently seen go first).
 */
export class KnownLogins {
  private dirty = false;

  private constructor(
    private readonly file: string | undefined,
    private readonly users: Map<string, Map<string, number>>,
    private readonly maxSourcesPerUser: number,
  ) {}

  /** Loads the file (a missing one is an empty history); without a file, memory only. */
  static async open(file: string | undefined, maxSourcesPerUser = 64): Promise<KnownLogins> {
    const users = new Map<string, Map<string, number>>();
    const saved = file ? await readStateFile(file, fileSchema) : undefined;
    for (const [user, sources] of Object.entries(saved?.users ?? {})) users.set(user, new Map(Object.entries(sources).sort((a, b) => a[1] - b[1])));
    return new KnownLogins(file, users, maxSourcesPerUser);
  }

  /** Records a successful login and says whether the source was new for the user. */
  record(user: string, ip: string, at: number): LoginNovelty {
    let sources = this.users.get(user);
    const novelty: LoginNovelty = !sources ? 'first-login' : sources.has(ip) ? 'known' : 'new-source';
    if (!sources) {
      sources = new Map();
      this.users.set(user, sources);
    }
    const previous = sources.get(ip);
    sources.delete(ip);
    sources.set(ip, Math.max(at, previous ?? 0));
    while (sources.size > this.maxSourcesPerUser) sources.delete(sources.keys().next().value!);
    this.dirty = true;
    return novelty;
  }

  sourcesOf(user: string): string[] {
    return [...(this.users.get(user)?.keys() ?? [])];
  }

  /** Writes the file when something changed. */
  async save(): Promise<void> {
    if (!this.file || !this.dirty) return;
    const users: Record<string, Record<string, number>> = {};
    for (const [user, sources] of this.users) users[user] = Object.fromEntries(sources);
    await writeStateFile(this.file, { version: 1, users });
    this.dirty = false;
  }
}
