import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BulwarkError } from '../../core/errors.js';
import { defaultRules, loadRules, parseRules } from './config.js';
import { SecretDetector } from './detector.js';
import { fakeAccessKeyId, fakeAccessKeySecret } from './test-support/samples.js';

const GITLEAKS = fileURLToPath(new URL('../../../../shared/corpora/gitleaks/gitleaks.toml', import.meta.url));
const haveGitleaks = existsSync(GITLEAKS);
if (!haveGitleaks) console.log(`notice: ${GITLEAKS} is absent; the gitleaks compatibility tests are skipped`);

function errorOf(fn: () => unknown): BulwarkError | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof BulwarkError) return e;
    throw e;
  }
  return undefined;
}

describe.skipIf(!haveGitleaks)('the gitleaks default config', () => {
  it('loads unchanged: 222 rules, the global allowlist, rule allowlists and regex targets', () => {
    const config = loadRules(GITLEAKS);
    expect(config.rules).toHaveLength(222);
    expect(config.allowlists).toHaveLength(1);
    expect(config.allowlists[0]!.paths.length).toBeGreaterThan(20);
    expect(config.allowlists[0]!.stopwords).toContain('abcdefghijklmnopqrstuvwxyz');
    const generic = config.rules.find((r) => r.id === 'generic-api-key')!;
    expect(generic.allowlists.map((a) => a.regexTarget)).toContain('match');
    expect(generic.allowlists.flatMap((a) => a.stopwords).length).toBeGreaterThan(100);
    expect(config.rules.find((r) => r.id === 'alibaba-access-key-id')!.keywords).toEqual(['ltai']);
  });

  it('compiles every rule to RE2 and its Alibaba rules fire on samples written here', () => {
    const detector = new SecretDetector(loadRules(GITLEAKS));
    expect(detector.ruleCount).toBe(222);
    const id = fakeAccessKeyId();
    const secret = fakeAccessKeySecret();
    const text = `# deploy settings\nALIBABA_CLOUD_ACCESS_KEY_ID="${id}"\nalibaba_secret_key = "${secret}"\n`;
    const findings = detector.detect(Buffer.from(text), [{ path: 'deploy/settings.env' }]);
    const byRule = new Map(findings.map((f) => [f.ruleId, f]));
    expect(byRule.get('alibaba-access-key-id')?.secret).toBe(id);
    expect(byRule.get('alibaba-access-key-id')?.line).toBe(2);
    expect(byRule.get('alibaba-secret-key')?.secret).toBe(secret);
    expect(byRule.get('alibaba-secret-key')?.line).toBe(3);
  });

  it('honours its global path allowlist (e.g. lock files)', () => {
    const detector = new SecretDetector(loadRules(GITLEAKS));
    const text = Buffer.from(`"LTAI${'x'.repeat(0)}${fakeAccessKeyId().slice(4)}"\n`);
    expect(detector.detect(text, [{ path: 'package-lock.json' }])).toEqual([]);
    expect(detector.detect(text, [{ path: 'src/a.ts' }]).length).toBe(1);
  });
});

describe('Bulwark default rules', () => {
  it('load and pair an AccessKey id with its secret', () => {
    const config = defaultRules();
    expect(config.rules.find((r) => r.id === 'alibaba-access-key-pair')!.required).toEqual([{ id: 'alibaba-access-key-secret', withinLines: 5 }]);
    expect(config.rules.find((r) => r.id === 'alibaba-access-key-secret')!.skipReport).toBe(true);
  });
});

describe('extend', () => {
  it('builds on the defaults, merges a rule by id and drops disabled rules', () => {
    const config = parseRules(
      `
title = "mine"
[extend]
useDefault = true
disabledRules = ["npm-token"]

[[rules]]
id = "github-token"
[[rules.allowlists]]
paths = ['''^docs/''']

[[rules]]
id = "internal-token"
regex = '''\\bint_[a-z0-9]{16}\\b'''
keywords = ["int_"]
`,
      'mine.toml',
    );
    const ids = config.rules.map((r) => r.id);
    expect(ids).toContain('alibaba-access-key-pair');
    expect(ids).toContain('internal-token');
    expect(ids).not.toContain('npm-token');
    const github = config.rules.find((r) => r.id === 'github-token')!;
    expect(github.regex).toBeDefined();
    expect(github.allowlists.some((a) => a.paths.includes('^docs/'))).toBe(true);
  });

  it('follows extend.path relative to the file and refuses URLs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-rules-'));
    try {
      writeFileSync(join(dir, 'base.toml'), `[[rules]]\nid = "base-rule"\nregex = '''base_[0-9]{6}'''\n`);
      writeFileSync(join(dir, 'child.toml'), `[extend]\npath = "base.toml"\n[[rules]]\nid = "child-rule"\nregex = '''child_[0-9]{6}'''\n`);
      expect(loadRules(join(dir, 'child.toml')).rules.map((r) => r.id).sort()).toEqual(['base-rule', 'child-rule']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(errorOf(() => parseRules(`[extend]\nurl = "https://example.test/x.toml"\n`, 'u.toml'))?.message).toContain('extend.url');
  });
});

describe('invalid rules', () => {
  it('name the field', () => {
    expect(errorOf(() => parseRules(`[[rules]]\nid = "x"\nentropy = "high"\nregex = 'a'\n`, 'bad.toml'))?.message).toContain('rules.0.entropy');
    expect(errorOf(() => parseRules(`[[rules]]\nid = "x"\n`, 'bad.toml'))?.message).toContain('rules[0] (x)');
    expect(errorOf(() => parseRules(`[[rules]]\nid = "x"\nregex = 'a'\n[[rules]]\nid = "x"\nregex = 'b'\n`, 'bad.toml'))?.message).toContain('duplicate');
    expect(errorOf(() => parseRules(`[[rules]]\nid = "x"\nregex = 'a'\n[[rules.required]]\nid = "nope"\n`, 'bad.toml'))?.message).toContain('rules[0].required[0].id');
    expect(errorOf(() => parseRules('rules = [', 'bad.toml'))?.code).toBe('Scan.InvalidRules');
  });

  it('with a look-around regex fail when compiled', () => {
    const config = parseRules(`[[rules]]\nid = "la"\nregex = '''secret(?=x)'''\n`, 'la.toml');
    const e = errorOf(() => new SecretDetector(config));
    expect(e?.code).toBe('Scan.UnsupportedRegex');
    expect(e?.message).toContain('rules[0] (la).regex');
  });
});
