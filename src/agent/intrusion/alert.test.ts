import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { normalizeEvent } from '../../events/normalize.js';
import type { EcsDocument } from './alert.js';
import { parseFimConfig } from './fim/fim-config.js';
import { checkBaseline, takeBaseline } from './fim/fim-offline.js';
import { KnownLogins } from './ssh/known-logins.js';
import { parseSshConfig } from './ssh/ssh-config.js';
import { SshDetector } from './ssh/ssh-detector.js';
import { parseSyslogLine } from './ssh/syslog-line.js';
import { accepted, failures, rfc3339Line } from './ssh/test-support/auth-log.js';
import { DEFAULT_WEBSHELL_RULES_YAML } from './webshell/default-rules.js';
import { loadWebshellRules } from './webshell/rule.js';
import { scanWebshells } from './webshell/scanner.js';
import { webshellAlert } from './webshell/webshell-alert.js';

/** Every detector's documents go through the event store's normalisation without a rejected field. */
function stored(docs: readonly EcsDocument[]) {
  return docs.map((d, i) => {
    const r = normalizeEvent(d, i, Date.now());
    if (!r.ok) throw new Error(`${r.problem.field}: ${r.problem.reason}`);
    return r.event;
  });
}

describe('intrusion alerts are valid ECS events for the store', () => {
  it('SSH alerts', async () => {
    const detector = new SshDetector({ config: parseSshConfig({ newSource: { alertOnFirstUser: true } }), knownLogins: await KnownLogins.open(undefined), host: 'h1', emitAuthEvents: true });
    const t0 = new Date('2026-11-29T10:00:00Z');
    const lines = [...failures('2001:db8::5', ['root', '~admin', '~oracle', '~test', '~guest', '~pi'], 12, t0, 500), accepted('2001:db8::5', 'root', new Date(t0.getTime() + 10_000))].map((e) => rfc3339Line(e));
    const events = stored(lines.flatMap((l) => detector.process(parseSyslogLine(l)!)));
    const alerts = events.filter((e) => e.fields['event.kind'] === 'alert');
    expect(new Set(alerts.map((e) => e.fields['rule.id']))).toEqual(new Set(['ssh-bruteforce', 'ssh-slow-bruteforce', 'ssh-password-spraying', 'ssh-success-after-failure', 'ssh-new-source']));
    for (const a of alerts) {
      expect(a.fields).toMatchObject({ 'event.category': 'authentication', 'event.module': 'agent', 'event.dataset': 'agent.ssh', 'source.ip': '2001:db8::5', 'host.name': 'h1', 'observer.type': 'agent' });
      expect(a.fields['threat.technique.id']).toMatch(/^T1110\.00[13]$|^T1078$/);
      expect(typeof a.fields['event.severity']).toBe('number');
    }
    expect(alerts.find((a) => a.fields['rule.id'] === 'ssh-password-spraying')!.fields['threat.technique.id']).toBe('T1110.003');
    expect(alerts.find((a) => a.fields['rule.id'] === 'ssh-success-after-failure')!.extra['bulwark.evidence.failures']).toBe(12);
  });

  it('file-integrity and webshell alerts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bulwark-ecs-'));
    try {
      await writeFile(join(dir, 'a.conf'), 'x=1\n');
      const config = parseFimConfig({});
      await takeBaseline([dir], join(dir, '.state'), { ...config, exclude: [join(dir, '.state')] });
      await writeFile(join(dir, 'a.conf'), 'x=2\n');
      const fim = stored((await checkBaseline([dir], join(dir, '.state'), { ...config, exclude: [join(dir, '.state')] })).events);
      expect(fim[0]!.fields).toMatchObject({ 'event.category': 'file', 'file.path': join(dir, 'a.conf'), 'threat.technique.id': 'T1565.001', 'rule.id': 'fim-file-modified' });
      expect(fim[0]!.fields['file.hash.sha256']).toMatch(/^[0-9a-f]{64}$/);
      expect(fim[0]!.extra['bulwark.fim.before.sha256']).not.toBe(fim[0]!.fields['file.hash.sha256']);

      const rules = loadWebshellRules(DEFAULT_WEBSHELL_RULES_YAML, 'default');
      const scan = await scanWebshells(fileURLToPath(new URL('./webshell/test-corpus/malicious', import.meta.url)), rules);
      const web = stored(scan.findings.map((f) => webshellAlert(f, { at: Date.now() })));
      expect(web).toHaveLength(scan.findings.length);
      for (const w of web) expect(w.fields).toMatchObject({ 'event.category': 'intrusion_detection', 'threat.technique.id': 'T1505.003', 'event.kind': 'alert' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
