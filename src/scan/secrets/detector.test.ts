import { describe, expect, it } from 'vitest';
import { defaultRules, parseRules } from './config.js';
import { leakFingerprint, SecretDetector } from './detector.js';
import { fakeAccessKeyId, fakeAccessKeySecret, fakeAwsKeyId, fakeGithubToken, fakePemKey, fakeStsId, randomChars } from './test-support/samples.js';

const detector = new SecretDetector(defaultRules());
const scan = (text: string, path = 'src/app.ts', d = detector, commit?: string) => d.detect(Buffer.from(text), [{ path, ...(commit ? { commit } : {}) }]);

describe('Bulwark default rules', () => {
  it('pair an AccessKey id with the secret next to it, with fingerprints the server can check', () => {
    const id = fakeAccessKeyId();
    const secret = fakeAccessKeySecret();
    const findings = scan(`import x from 'y';\nconst client = new Client({\n  accessKeyId: '${id}',\n\n  accessKeySecret: '${secret}',\n});\n`);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f!.ruleId).toBe('alibaba-access-key-pair');
    expect(f!.secret).toBe(id);
    expect(f!.line).toBe(3);
    expect(f!.column).toBe(17);
    expect(f!.required).toEqual([{ ruleId: 'alibaba-access-key-secret', secret, line: 5, column: 21 }]);
    expect(f!.fingerprints![0]).toBe(leakFingerprint(id, secret));
  });

  it('report an id alone when no secret is near, still with fingerprints of the file\'s candidates', () => {
    const id = fakeAccessKeyId();
    const far = fakeAccessKeySecret();
    const findings = scan(`ak = "${id}"\n${'\n'.repeat(10)}sk = "${far}"\n`);
    expect(findings.map((f) => f.ruleId)).toEqual(['alibaba-access-key-id']);
    expect(findings[0]!.fingerprints).toContain(leakFingerprint(id, far));
  });

  it('find STS ids and tokens, PEM keys, database URLs and common tokens', () => {
    const sts = fakeStsId();
    const token = `CAIS${randomChars(80)}`;
    const pem = fakePemKey();
    const password = randomChars(14);
    const gh = fakeGithubToken();
    const aws = fakeAwsKeyId();
    const text = [`sts_id: ${sts}`, `token: ${token}`, pem, `DATABASE_URL=postgres://app:${password}@db.internal:5432/app`, `GITHUB_TOKEN=${gh}`, `aws_access_key_id = ${aws}`].join('\n');
    const rules = scan(text).map((f) => [f.ruleId, f.secret]);
    expect(rules).toEqual(
      expect.arrayContaining([
        ['alibaba-sts-access-key-id', sts],
        ['alibaba-sts-security-token', token],
        ['private-key', pem],
        ['database-url-password', password],
        ['github-token', gh],
        ['aws-access-key-id', aws],
      ]),
    );
  });

  it('ignore placeholders and low-entropy values', () => {
    expect(scan('DATABASE_URL=postgres://app:password@db:5432/app\nurl = "mysql://root:${DB_PASSWORD}@x/y"\n')).toEqual([]);
    expect(scan(`id = "LTAI${'a'.repeat(20)}"\n`)).toEqual([]);
    expect(scan(`id = "LTAIEXAMPLEKEYID12345678"\n`)).toEqual([]);
  });

  it('skip binary content', () => {
    const id = fakeAccessKeyId();
    const buf = Buffer.concat([Buffer.from([0x89, 0x50, 0x00, 0x01]), Buffer.from(` ${id} ${fakeAccessKeySecret()} `)]);
    expect(detector.detect(buf, [{ path: 'x.dat' }])).toEqual([]);
  });
});

function rules(extra: string): SecretDetector {
  return new SecretDetector(
    parseRules(
      `
[[rules]]
id = "token"
regex = '''tok_([a-z0-9]{12})'''
keywords = ["tok_"]
${extra}
`,
      'test.toml',
    ),
  );
}

describe('allowlists', () => {
  const token = () => `tok_${randomChars(12, 'abcdefghijklmnopqrstuvwxyz0123456789')}`;

  it('commits: a finding in an allowlisted commit is dropped, others stay', () => {
    const d = rules(`[[rules.allowlists]]\ncommits = ["abcdef1234"]`);
    const t = token();
    expect(scan(`x=${t}`, 'a', d, 'abcdef1234567890abcdef1234567890abcdef12')).toEqual([]);
    expect(scan(`x=${t}`, 'a', d, '1111111234567890abcdef1234567890abcdef12')).toHaveLength(1);
  });

  it('paths and regexes against secret, match and line', () => {
    const t = token();
    expect(scan(`x=${t}`, 'test/fixtures/a.txt', rules(`[[rules.allowlists]]\npaths = ['''^test/''']`))).toEqual([]);
    expect(scan(`x=${t}`, 'src/a.txt', rules(`[[rules.allowlists]]\npaths = ['''^test/''']`))).toHaveLength(1);
    expect(scan(`x=${t}`, 'a', rules(`[[rules.allowlists]]\nregexes = ['''^${t.slice(4, 8)}''']`))).toEqual([]);
    expect(scan(`x=${t}`, 'a', rules(`[[rules.allowlists]]\nregexes = ['''^tok_''']`))).toHaveLength(1); // the secret is the group, not the match
    expect(scan(`x=${t}`, 'a', rules(`[[rules.allowlists]]\nregexTarget = "match"\nregexes = ['''^tok_''']`))).toEqual([]);
    expect(scan(`# fake: x=${t}\n`, 'a', rules(`[[rules.allowlists]]\nregexTarget = "line"\nregexes = ['''^# fake:''']`))).toEqual([]);
    expect(scan(`x=${t}\n# fake:\n`, 'a', rules(`[[rules.allowlists]]\nregexTarget = "line"\nregexes = ['''^# fake:''']`))).toHaveLength(1);
  });

  it('stopwords, case-insensitively', () => {
    const d = rules(`[[rules.allowlists]]\nstopwords = ["TEST"]`);
    expect(scan('x=tok_abctest12345', 'a', d)).toEqual([]);
    expect(scan(`x=${token()}`.replace(/test/g, 'zzzz'), 'a', d)).toHaveLength(1);
  });

  it('AND needs every configured check; OR needs one', () => {
    const t = token();
    const and = rules(`[[rules.allowlists]]\ncondition = "AND"\npaths = ['''\\.md$''']\nstopwords = ["${t.slice(4, 10)}"]`);
    expect(scan(`x=${t}`, 'README.md', and)).toEqual([]);
    expect(scan(`x=${t}`, 'main.go', and)).toHaveLength(1);
    const or = rules(`[[rules.allowlists]]\npaths = ['''\\.md$''']\nstopwords = ["${t.slice(4, 10)}"]`);
    expect(scan(`x=${t}`, 'main.go', or)).toEqual([]);
  });

  it('global allowlists, optionally limited to target rules', () => {
    const t = token();
    expect(scan(`x=${t}`, 'a', rules(`[[allowlists]]\nregexes = ['''.''']`))).toEqual([]);
    expect(scan(`x=${t}`, 'a', rules(`[[allowlists]]\ntargetRules = ["other"]\nregexes = ['''.''']`))).toHaveLength(1);
    expect(scan(`x=${t}`, 'vendor/x', rules(`[allowlist]\npaths = ['''^vendor/''']`))).toEqual([]);
  });
});

describe('rule features', () => {
  it('entropy: values at or under the threshold are dropped', () => {
    const d = new SecretDetector(parseRules(`[[rules]]\nid = "e"\nregex = '''key=([a-z]{8})'''\nentropy = 2.5\n`, 'e.toml'));
    expect(scan('key=aaaabbbb', 'a', d)).toEqual([]);
    expect(scan('key=abcdefgh', 'a', d)).toHaveLength(1);
  });

  it('keywords gate a rule: without one of them the regex never runs', () => {
    const d = new SecretDetector(parseRules(`[[rules]]\nid = "k"\nregex = '''[0-9]{6}'''\nkeywords = ["pin"]\n`, 'k.toml'));
    expect(scan('code 123456', 'a', d)).toEqual([]);
    expect(scan('PIN 123456', 'a', d)).toHaveLength(1);
  });

  it('secretGroup picks the group; without it the first non-empty group is the secret', () => {
    const d = new SecretDetector(parseRules(`[[rules]]\nid = "g"\nregex = '''(user)=(\\w+):(\\w+)'''\nsecretGroup = 3\n[[rules]]\nid = "h"\nregex = '''(?:a|(b))(c+)'''\n`, 'g.toml'));
    const found = scan('user=alice:s3cr3t acc', 'a', d);
    expect(found.find((f) => f.ruleId === 'g')!.secret).toBe('s3cr3t');
    expect(found.find((f) => f.ruleId === 'h')!.secret).toBe('cc');
  });

  it('path-only rules report the file; path + regex needs both', () => {
    const d = new SecretDetector(parseRules(`[[rules]]\nid = "p"\npath = '''\\.pem$'''\n[[rules]]\nid = "q"\npath = '''\\.env$'''\nregex = '''SECRET=(\\w+)'''\n`, 'p.toml'));
    expect(scan('anything', 'keys/server.pem', d).map((f) => f.ruleId)).toEqual(['p']);
    expect(scan('SECRET=abc', 'app.env', d).map((f) => f.ruleId)).toEqual(['q']);
    expect(scan('SECRET=abc', 'app.ts', d)).toEqual([]);
  });

  it('required: withinLines and withinColumns bound the companion match', () => {
    const toml = `[[rules]]\nid = "main"\nregex = '''user=(\\w+)'''\n[[rules.required]]\nid = "pw"\nwithinLines = 1\nwithinColumns = 5\n[[rules]]\nid = "pw"\nregex = '''pass=(\\w+)'''\nskipReport = true\n`;
    const d = new SecretDetector(parseRules(toml, 'r.toml'));
    expect(scan('user=alice\npass=abc', 'a', d).map((f) => f.ruleId)).toEqual(['main']);
    expect(scan('user=alice\n\npass=abc', 'a', d)).toEqual([]);
    expect(scan('user=alice\n          pass=abc', 'a', d)).toEqual([]);
    expect(scan('pass=abc', 'a', d)).toEqual([]);
  });
});

describe('AccessKey secret candidates', () => {
  it('two secrets on one line, one character apart, are both candidates', () => {
    const id = fakeAccessKeyId();
    const first = fakeAccessKeySecret();
    const second = fakeAccessKeySecret();
    const [f] = scan(`${id}\n${first},${second}\n`);
    expect(f!.ruleId).toBe('alibaba-access-key-pair');
    expect(f!.fingerprints).toEqual(expect.arrayContaining([leakFingerprint(id, first), leakFingerprint(id, second)]));
  });
});
