import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EcsDocument } from '../alert.js';
import { field, ruleIds } from '../test-support/ecs-field.js';
import { KnownLogins } from './known-logins.js';
import { detectSshLog } from './read-log.js';
import { parseSshConfig } from './ssh-config.js';
import { SshDetector } from './ssh-detector.js';
import { parseSyslogLine } from './syslog-line.js';
import { accepted, classicLine, failures, journalLine, rfc3339Line, type LogEntry } from './test-support/auth-log.js';

const T0 = new Date(2026, 10, 29, 10, 0, 0);
const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulwark-ssh-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function detector(config: unknown = {}, knownFile?: string): Promise<SshDetector> {
  return new SshDetector({ config: parseSshConfig(config), knownLogins: await KnownLogins.open(knownFile), host: 'test-host' });
}

function run(d: SshDetector, entries: readonly LogEntry[]): EcsDocument[] {
  return entries.flatMap((e) => d.process(parseSyslogLine(classicLine(e), { reference: at(86_400) })!));
}

const rules = ruleIds;

describe('SshDetector', () => {
  it('alerts once on a fast brute force from one source (T1110.001) with the evidence', async () => {
    const d = await detector();
    const docs = run(d, failures('203.0.113.5', ['root'], 20, T0, 1000));
    expect(rules(docs)).toEqual(['ssh-bruteforce', 'ssh-slow-bruteforce']);
    const bf = docs[0]!;
    expect(field(bf, 'event.kind')).toBe('alert');
    expect(field(bf, 'event.category')).toBe('authentication');
    expect(field(bf, 'event.severity')).toBe(73);
    expect(field(bf, 'source.ip')).toBe('203.0.113.5');
    expect(field(bf, 'user.name')).toBe('root');
    expect(field(bf, 'threat.technique.id')).toBe('T1110.001');
    expect(field(bf, 'bulwark.evidence.count')).toBe(6);
    expect(field(bf, 'bulwark.evidence.samples')).toHaveLength(6);
    expect(field(bf, '@timestamp')).toBe(at(5).toISOString());
    expect(d.stats).toMatchObject({ failures: 20, alerts: 2 });
  });

  it('does not alert on a few failures or on failures spread out in time', async () => {
    const d = await detector();
    expect(run(d, failures('203.0.113.6', ['alice'], 4, T0, 1000))).toEqual([]);
    // one failure every two minutes for an hour: every bucket leaks faster than it fills
    expect(run(d, failures('203.0.113.7', ['bob'], 30, at(100), 120_000))).toEqual([]);
  });

  it('keeps sources apart', async () => {
    const d = await detector();
    const entries = [...failures('198.51.100.1', ['root'], 3, T0, 1000), ...failures('198.51.100.2', ['root'], 3, T0, 1000)];
    expect(run(d, entries)).toEqual([]);
  });

  it('sees password spraying: many distinct users from one source, slowly (T1110.003)', async () => {
    const d = await detector();
    const users = ['~admin', '~oracle', '~test', '~guest', '~ubuntu', '~pi', '~postgres'];
    // one try per user every 20 s: too slow for the brute-force buckets
    const docs = run(d, failures('192.0.2.66', users, 7, T0, 20_000));
    expect(rules(docs)).toEqual(['ssh-password-spraying']);
    expect(field(docs[0], 'threat.technique.id')).toBe('T1110.003');
    expect(field(docs[0], 'bulwark.evidence.users')).toEqual(['admin', 'oracle', 'test', 'guest', 'ubuntu', 'pi']);
    expect(field(docs[0], 'user')).toBeUndefined();
    // Invalid user + Failed password + Connection closed of one connection count as one attempt
    expect(d.stats.failures).toBe(7);
  });

  it('raises a critical alert when a login succeeds from a source after failures (T1078)', async () => {
    const d = await detector({ bruteforce: { capacity: 100, leakSeconds: 1 }, slowBruteforce: { capacity: 100, leakSeconds: 1 } });
    const docs = run(d, [...failures('203.0.113.50', ['root'], 4, T0, 5000), accepted('203.0.113.50', 'root', at(30))]);
    const alert = docs.find((x) => field(x, 'rule.id') === 'ssh-success-after-failure');
    expect(alert).toBeDefined();
    expect(field(alert, 'event.severity')).toBe(99);
    expect(field(alert, 'event.outcome')).toBe('success');
    expect(field(alert, 'threat.technique.id')).toBe('T1078');
    expect(field(alert, 'user.name')).toBe('root');
    expect(field(alert, 'bulwark.evidence.failures')).toBe(4);
    // a success from a source without failures, or with failures long ago, is not critical
    const quiet = await detector();
    expect(rules(run(quiet, [...failures('203.0.113.51', ['root'], 4, T0, 1000), accepted('203.0.113.51', 'root', at(7200))]))).not.toContain('ssh-success-after-failure');
    expect(rules(run(quiet, [accepted('203.0.113.52', 'dave', at(10))]))).toEqual([]);
  });

  it('alerts on the first login of a user from a new source, remembered in the state file', async () => {
    const file = join(dir, 'ssh-known-logins.json');
    const known = await KnownLogins.open(file);
    const first = new SshDetector({ config: parseSshConfig({}), knownLogins: known, host: 'test-host' });
    // the very first login of a user is learnt silently (default), the same source again is known
    expect(run(first, [accepted('192.0.2.10', 'alice', at(0), 'publickey'), accepted('192.0.2.10', 'alice', at(60))])).toEqual([]);
    const docs = run(first, [accepted('192.0.2.99', 'alice', at(120))]);
    expect(rules(docs)).toEqual(['ssh-new-source']);
    expect(field(docs[0], 'bulwark.evidence.known_sources')).toEqual(['192.0.2.10']);
    await known.save();
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: 1, users: { alice: { '192.0.2.10': at(60).getTime(), '192.0.2.99': at(120).getTime() } } });
    // after a restart both sources are known
    const second = await detector({}, file);
    expect(run(second, [accepted('192.0.2.99', 'alice', at(200)), accepted('192.0.2.10', 'alice', at(201))])).toEqual([]);
    expect(rules(run(second, [accepted('198.51.100.7', 'alice', at(300))]))).toEqual(['ssh-new-source']);
  });

  it('can alert on first-ever logins and never alerts on ignored sources', async () => {
    const d = await detector({ newSource: { alertOnFirstUser: true }, ignoreSources: ['10.0.0.0/8', '2001:db8::1'] });
    expect(rules(run(d, [accepted('192.0.2.1', 'bob', at(0))]))).toEqual(['ssh-new-source']);
    expect(run(d, failures('10.1.2.3', ['root'], 50, T0, 100))).toEqual([]);
    expect(run(d, failures('2001:db8::1', ['root'], 50, T0, 100))).toEqual([]);
    expect(run(d, failures('2001:db8::2', ['root'], 50, T0, 100)).length).toBeGreaterThan(0);
  });

  it('honours configured thresholds and disabled scenarios', async () => {
    const d = await detector({ bruteforce: { capacity: 2, leakSeconds: 10 }, slowBruteforce: { enabled: false, capacity: 1, leakSeconds: 1 } });
    expect(rules(run(d, failures('203.0.113.8', ['root'], 3, T0, 1000)))).toEqual(['ssh-bruteforce']);
    await expect(detector({ bruteforce: { capacity: -1, leakSeconds: 1 } })).rejects.toThrow(/ssh\.bruteforce\.capacity/);
    await expect(detector({ ignoreSources: ['nope'] })).rejects.toThrow(/ssh\.ignoreSources\[0\]/);
  });

  it('counts repeated-message lines and the max-attempts line of a key-only scanner', async () => {
    const d = await detector();
    const docs = run(d, [
      { at: T0, message: 'message repeated 5 times: [ Failed password for root from 203.0.113.77 port 1 ssh2]' },
      { at: at(1), message: 'error: maximum authentication attempts exceeded for root from 203.0.113.77 port 2 ssh2 [preauth]' },
    ]);
    expect(rules(docs)).toEqual(['ssh-bruteforce']);
  });

  it('reads the same attack from auth.log (classic and RFC 3339) and from journald JSON alike', async () => {
    const attack = [...failures('203.0.113.5', ['root', 'admin'], 8, T0, 500), { at: at(10), message: 'Server listening on :: port 22.' }, accepted('203.0.113.5', 'admin', at(12))];
    const results: string[][] = [];
    for (const [name, format, render] of [
      ['auth.log', 'syslog', classicLine],
      ['secure', 'syslog', rfc3339Line],
      ['journal.json', 'journal-json', journalLine],
    ] as const) {
      const path = join(dir, name);
      await writeFile(path, `${attack.map((e) => render(e)).join('\n')}\n`);
      results.push(rules(await detectSshLog(path, format, await detector())));
    }
    expect(results[0]).toEqual(['ssh-bruteforce', 'ssh-success-after-failure']);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it('emits authentication events when asked', async () => {
    const d = new SshDetector({ config: parseSshConfig({}), knownLogins: await KnownLogins.open(undefined), emitAuthEvents: true, host: 'h' });
    const docs = run(d, [accepted('192.0.2.1', 'carol', at(0)), ...failures('192.0.2.2', ['carol'], 1, at(1), 1)]);
    expect(docs.map((x) => [field(x, 'event.kind'), field(x, 'event.outcome'), field(x, 'user.name')])).toEqual([
      ['event', 'success', 'carol'],
      ['event', 'failure', 'carol'],
    ]);
  });

  it('reads standard input with -', async () => {
    const input = Readable.from(failures('203.0.113.5', ['root'], 6, T0, 100).map((e) => `${journalLine(e)}\n`));
    expect(rules(await detectSshLog('-', 'journal-json', await detector(), input))).toEqual(['ssh-bruteforce']);
  });

  it('reports an unreadable log with a coded error', async () => {
    await expect(detectSshLog(join(dir, 'missing.log'), 'syslog', await detector())).rejects.toMatchObject({ code: 'Agent.Intrusion.LogUnreadable' });
  });
});
