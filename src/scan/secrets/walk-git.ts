import { spawn } from 'node:child_process';
import { BulwarkError } from '../../core/errors.js';

export interface CommitInfo {
  sha: string;
  author: string;
  email: string;
  date: string;
  message: string;
  /** position in history, oldest first */
  order: number;
}

/** One place a blob was introduced: the commit that added or changed the path to this content. */
export interface BlobOccurrence {
  path: string;
  commit: string;
}

export interface GitHistory {
  commits: Map<string, CommitInfo>;
  /** blob id → every (commit, path) that introduced it, oldest first */
  blobs: Map<string, BlobOccurrence[]>;
}

const ZERO = /^0+$/;

function git(repo: string, args: string[]): ReturnType<typeof spawn> {
  return spawn('git', ['-C', repo, '-c', 'core.quotePath=false', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
}

async function collectStderr(child: ReturnType<typeof spawn>): Promise<string> {
  let err = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (d: string) => {
    if (err.length < 4096) err += d;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(err) : reject(new Error(err.trim().split('\n').pop() || `exit ${code}`))));
  });
}

/**
 * Reads every commit reachable from any ref (or only those not reachable from `since`), and for
 * each the blobs it introduced: `git log --raw -z` with combined diffs for merges, so content that
 * only a merge resolution introduced is seen too.
 */
export async function readGitHistory(repo: string, options: { since?: string } = {}): Promise<GitHistory> {
  const args = ['log', '--all', '--reverse', '--date-order', '--raw', '--no-abbrev', '--no-renames', '--diff-merges=dense-combined', '-z', '--format=%x01%H%x02%an%x02%ae%x02%aI%x02%s'];
  if (options.since) args.push('--not', options.since, '--');
  const child = git(repo, args);
  const done = collectStderr(child);
  const commits = new Map<string, CommitInfo>();
  const blobs = new Map<string, BlobOccurrence[]>();
  let pending = '';
  const consume = (record: string) => {
    if (record.length === 0) return;
    const headerEnd = record.indexOf('\0');
    const header = headerEnd < 0 ? record : record.slice(0, headerEnd);
    const [sha, author, email, date, message] = header.split('\x02') as [string, string, string, string, string];
    commits.set(sha, { sha, author: author ?? '', email: email ?? '', date: date ?? '', message: message ?? '', order: commits.size });
    if (headerEnd < 0) return;
    const tokens = record.slice(headerEnd + 1).split('\0');
    for (let i = 0; i < tokens.length; i++) {
      const meta = tokens[i]!.trim();
      if (!meta.startsWith(':')) continue;
      const path = tokens[i + 1] ?? '';
      i++;
      let parents = 0;
      while (meta[parents] === ':') parents++;
      const fields = meta.slice(parents).split(' ');
      const newMode = fields[parents] ?? '';
      const newSha = fields[2 * parents + 1] ?? '';
      if (!newSha || ZERO.test(newSha) || !newMode.startsWith('100')) continue; // deletions, submodules, symlinks
      let list = blobs.get(newSha);
      if (!list) blobs.set(newSha, (list = []));
      list.push({ path, commit: sha });
    }
  };
  child.stdout!.setEncoding('utf8');
  for await (const chunk of child.stdout! as AsyncIterable<string>) {
    pending += chunk;
    const last = pending.lastIndexOf('\x01');
    if (last > 0) {
      for (const record of pending.slice(0, last).split('\x01')) consume(record);
      pending = pending.slice(last);
    }
  }
  try {
    await done;
  } catch (e) {
    throw new BulwarkError('Scan.GitFailed', { path: repo, reason: e instanceof Error ? e.message : String(e) });
  }
  for (const record of pending.split('\x01')) consume(record);
  return { commits, blobs };
}

/** Sizes of blobs (`git cat-file --batch-check`). */
export async function blobSizes(repo: string, shas: readonly string[]): Promise<Map<string, number>> {
  const child = git(repo, ['cat-file', '--batch-check=%(objectname) %(objecttype) %(objectsize)']);
  const done = collectStderr(child);
  child.stdin!.end(shas.join('\n') + '\n');
  const sizes = new Map<string, number>();
  let pending = '';
  child.stdout!.setEncoding('utf8');
  for await (const chunk of child.stdout! as AsyncIterable<string>) {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      const [sha, type, size] = line.split(' ');
      if (sha && type === 'blob') sizes.set(sha, Number(size));
    }
  }
  try {
    await done;
  } catch (e) {
    throw new BulwarkError('Scan.GitFailed', { path: repo, reason: e instanceof Error ? e.message : String(e) });
  }
  return sizes;
}

/** Streams blob contents (`git cat-file --batch`), each read once; large blobs are filled in place, not re-concatenated. */
export async function* readBlobs(repo: string, shas: readonly string[]): AsyncGenerator<{ sha: string; content: Buffer }> {
  if (shas.length === 0) return;
  const child = git(repo, ['cat-file', '--batch']);
  const done = collectStderr(child);
  child.stdin!.end(shas.join('\n') + '\n');
  let head = Buffer.alloc(0);
  let body: Buffer | undefined;
  let filled = 0;
  let sha = '';
  for await (const chunk of child.stdout! as AsyncIterable<Buffer>) {
    let data = chunk;
    while (data.length > 0) {
      if (body) {
        // content, then the LF git writes after it
        const take = Math.min(body.length + 1 - filled, data.length);
        const copy = Math.min(take, body.length - filled);
        if (copy > 0) data.copy(body, filled, 0, copy);
        filled += take;
        data = data.subarray(take);
        if (filled === body.length + 1) {
          yield { sha, content: body };
          body = undefined;
        }
        continue;
      }
      const nl = data.indexOf(10);
      if (nl < 0) {
        head = Buffer.concat([head, data]);
        break;
      }
      const header = Buffer.concat([head, data.subarray(0, nl)]).toString('utf8').split(' ');
      head = Buffer.alloc(0);
      data = data.subarray(nl + 1);
      if (header[1] === 'missing' || header.length < 3) continue;
      sha = header[0]!;
      body = Buffer.allocUnsafeSlow(Number(header[2])); // own ArrayBuffer: transferable to a worker
      filled = 0;
    }
  }
  try {
    await done;
  } catch (e) {
    throw new BulwarkError('Scan.GitFailed', { path: repo, reason: e instanceof Error ? e.message : String(e) });
  }
}

/** Fails with a coded error when `repo` is not inside a git work tree or repository. */
export async function assertGitRepository(repo: string): Promise<void> {
  const child = git(repo, ['rev-parse', '--git-dir']);
  child.stdin!.end();
  child.stdout!.resume();
  try {
    await collectStderr(child);
  } catch (e) {
    throw new BulwarkError('Scan.GitFailed', { path: repo, reason: e instanceof Error ? e.message : String(e) });
  }
}
