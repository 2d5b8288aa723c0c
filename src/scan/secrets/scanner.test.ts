import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BulwarkError } from '../../core/errors.js';
import { defaultRules, extendConfig, parseRules } from './config.js';
import { scanSecrets } from './scanner.js';
import { TestRepo } from './test-support/git-repo.js';
import { fakeAccessKeyId, fakeAccessKeySecret, fakeGithubToken, fakePemKey, randomChars } from './test-support/samples.js';

describe('git history', () => {
  const repo = new TestRepo();
  const id = fakeAccessKeyId();
  const secret = fakeAccessKeySecret();
  const dbPassword = randomChars(16);
  const gh = fakeGithubToken();
  const pem = fakePemKey();
  const mergeToken = fakeGithubToken();
  const commits: Record<string, string> = {};

  beforeAll(() => {
    repo.write('README.md', '# demo\n');
    repo.write('config.js', `module.exports = {\n  accessKeyId: '${id}',\n  accessKeySecret: '${secret}',\n};\n`);
    commits.addKey = repo.commit('add config');
    repo.write('README.md', '# demo\nmore\n');
    repo.write('notes.md', `token: ${gh}\n`);
    commits.notes = repo.commit('notes');
    // the key file is edited (the secret stays), then deleted
    repo.write('config.js', `// settings\nmodule.exports = {\n  accessKeyId: '${id}',\n  accessKeySecret: '${secret}',\n};\n`);
    commits.editKey = repo.commit('comment');
    repo.remove('config.js');
    repo.write('.env', `DATABASE_URL=postgres://app:${dbPassword}@db.internal:5432/app\n`);
    commits.removeKey = repo.commit('remove key, add env');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('deploy/server.pem', `${pem}\n`);
    repo.write('image.bin', Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(`${fakeAccessKeyId()} ${fakeAccessKeySecret()}`)]));
    commits.pem = repo.commit('add key on a branch');
    repo.git('checkout', '-q', 'main');
    repo.git('merge', '-q', '--no-ff', '--no-commit', 'feature');
    // an "evil" merge: content only the merge resolution introduces
    repo.write('merge-only.txt', `GH=${mergeToken}\n`);
    commits.merge = repo.commit('merge feature');
    repo.remove('deploy/server.pem');
    repo.remove('.env');
    repo.remove('notes.md');
    repo.remove('merge-only.txt');
    commits.cleanup = repo.commit('clean up');
  });
  afterAll(() => repo.cleanup());

  it('finds every secret added and later deleted, each with the commit that introduced it', async () => {
    const result = await scanSecrets({ path: repo.dir, git: true, threads: 1 });
    const got = result.findings.map((f) => ({ rule: f.ruleId, file: f.path, line: f.line, commit: f.commit, secret: f.secret }));
    expect(got).toEqual(
      expect.arrayContaining([
        { rule: 'alibaba-access-key-pair', file: 'config.js', line: 2, commit: commits.addKey, secret: id },
        { rule: 'github-token', file: 'notes.md', line: 1, commit: commits.notes, secret: gh },
        { rule: 'database-url-password', file: '.env', line: 1, commit: commits.removeKey, secret: dbPassword },
        { rule: 'private-key', file: 'deploy/server.pem', line: 1, commit: commits.pem, secret: pem },
        { rule: 'github-token', file: 'merge-only.txt', line: 1, commit: commits.merge, secret: mergeToken },
      ]),
    );
    expect(result.findings).toHaveLength(5);
    // the edited blob still held the key: one finding, both commits listed, oldest first
    const key = result.findings.find((f) => f.ruleId === 'alibaba-access-key-pair')!;
    expect(key.commits).toEqual([commits.addKey, commits.editKey]);
    expect(key.author).toBe('Dev');
    expect(key.message).toBe('add config');
    expect(result.stats.commits).toBe(7);
    expect(result.stats.binary).toBe(1);
  });

  it('the work tree alone no longer shows them', async () => {
    const result = await scanSecrets({ path: repo.dir, threads: 1 });
    expect(result.findings).toEqual([]);
  });

  it('--since scans only commits after a revision', async () => {
    const result = await scanSecrets({ path: repo.dir, git: true, since: commits.removeKey, threads: 1 });
    expect(result.findings.map((f) => f.commit).sort()).toEqual([commits.merge, commits.pem].sort());
  });

  it('an allowlisted commit is skipped', async () => {
    const rules = extendConfig(defaultRules(), parseRules(`[[allowlists]]\ncommits = ["${commits.notes}"]\n`, 'allow.toml'), []);
    const result = await scanSecrets({ path: repo.dir, git: true, rules, threads: 1 });
    expect(result.findings.map((f) => f.path)).not.toContain('notes.md');
    expect(result.findings).toHaveLength(4);
  });

  it('fails with a coded error outside a repository or on a bad revision', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-not-git-'));
    try {
      await expect(scanSecrets({ path: dir, git: true, threads: 1 })).rejects.toMatchObject({ code: 'Scan.GitFailed' });
      await expect(scanSecrets({ path: repo.dir, git: true, since: 'no-such-rev', threads: 1 })).rejects.toBeInstanceOf(BulwarkError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('directory scan', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-secrets-dir-'));
  const token = fakeGithubToken();
  beforeAll(() => {
    mkdirSync(join(dir, 'src'));
    mkdirSync(join(dir, 'node_modules/pkg'), { recursive: true });
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'src/app.ts'), `export const t = '${token}';\n`);
    writeFileSync(join(dir, 'node_modules/pkg/index.js'), `'${fakeGithubToken()}'\n`);
    writeFileSync(join(dir, '.git/config'), `'${fakeGithubToken()}'\n`);
    writeFileSync(join(dir, 'bundle.min.js'), `'${fakeGithubToken()}'\n`);
    writeFileSync(join(dir, 'big.txt'), `'${fakeGithubToken()}'\n${'x'.repeat(5000)}\n`);
    writeFileSync(join(dir, 'logo.bin'), Buffer.concat([Buffer.from([0, 0, 0]), Buffer.from(fakeGithubToken())]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('skips .git, allowlisted folders, generated, large and binary files', async () => {
    const result = await scanSecrets({ path: dir, threads: 1, maxFileBytes: 4096 });
    expect(result.findings.map((f) => [f.path, f.secret])).toEqual([['src/app.ts', token]]);
    expect(result.stats.files).toBe(2);
    expect(result.stats.binary).toBe(1);
    expect(result.stats.skipped).toBe(3);
  });

  it('a missing path is a coded error', async () => {
    await expect(scanSecrets({ path: join(dir, 'nope'), threads: 1 })).rejects.toMatchObject({ code: 'Scan.PathNotFound' });
  });
});
