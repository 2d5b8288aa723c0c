import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { field } from '../test-support/ecs-field.js';
import { DEFAULT_WEBSHELL_RULES_YAML } from './default-rules.js';
import { loadWebshellRules } from './rule.js';
import { scanWebshellFile } from './scanner.js';
import { webshellAlert } from './webshell-alert.js';

const rules = loadWebshellRules(DEFAULT_WEBSHELL_RULES_YAML, 'default');
const sample = (name: string): string => fileURLToPath(new URL(`./test-corpus/malicious/${name}`, import.meta.url));

describe('webshellAlert', () => {
  it('is an ECS intrusion alert with the file, its hash, the most severe rule and every match (T1505.003)', async () => {
    const finding = (await scanWebshellFile(sample('gzinflate-blob.php'), rules))!;
    const doc = webshellAlert(finding, { at: Date.parse('2026-11-29T00:00:00Z'), host: 'web1' });
    expect(doc.event).toMatchObject({ kind: 'alert', category: 'intrusion_detection', dataset: 'agent.webshell', severity: 99 });
    expect(field(doc, 'rule.id')).toBe('php-eval-decoded');
    expect(field(doc, 'threat.technique.id')).toBe('T1505.003');
    expect(doc.file).toMatchObject({ path: sample('gzinflate-blob.php'), extension: 'php', hash: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    const matches = field(doc, 'bulwark.webshell.matches') as Array<{ rule: string; entropy?: number }>;
    expect(matches.map((m) => m.rule)).toEqual(expect.arrayContaining(['php-eval-decoded', 'php-encoded-payload']));
    expect(matches.find((m) => m.rule === 'php-encoded-payload')!.entropy).toBeGreaterThan(5);
    expect(field(doc, 'host.name')).toBe('web1');
  });

  it('ignores files that are not scripts', async () => {
    expect(await scanWebshellFile(fileURLToPath(import.meta.url), rules)).toBeUndefined();
  });
});
