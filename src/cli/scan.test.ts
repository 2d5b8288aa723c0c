import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { fakeGithubToken } from '../scan/secrets/test-support/samples.js';
import { registerScan } from './scan.js';

async function run(args: string[]): Promise<{ stdout: string; exitCode: number | undefined }> {
  const program = new Command('bulwark').exitOverride();
  registerScan(program);
  program.commands.forEach((c) => c.exitOverride());
  let stdout = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const writeErr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  process.exitCode = undefined;
  try {
    await program.parseAsync(['node', 'bulwark', ...args]);
  } finally {
    write.mockRestore();
    writeErr.mockRestore();
  }
  const exitCode = process.exitCode as number | undefined;
  process.exitCode = undefined;
  return { stdout, exitCode };
}

describe('bulwark scan secrets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-cli-scan-'));
  const token = fakeGithubToken();
  writeFileSync(join(dir, 'ci.yml'), `env:\n  GH_TOKEN: ${token}\n`);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => vi.restoreAllMocks());

  it('--format json prints one document with masked findings and exits 1', async () => {
    const { stdout, exitCode } = await run(['scan', 'secrets', dir, '--format', 'json', '--threads', '1']);
    expect(exitCode).toBe(1);
    const doc = JSON.parse(stdout) as { findings: Array<{ ruleId: string; file: string; line: number; secret: string }> };
    expect(doc.findings).toEqual([expect.objectContaining({ ruleId: 'github-token', file: 'ci.yml', line: 2, secret: `ghp_…${token.slice(-4)}` })]);
    expect(stdout).not.toContain(token);
  });

  it('sarif and table formats; a clean folder exits 0', async () => {
    const sarif = await run(['scan', 'secrets', dir, '--format', 'sarif', '--threads', '1']);
    expect((JSON.parse(sarif.stdout) as { version: string }).version).toBe('2.1.0');
    const table = await run(['scan', 'secrets', dir, '--threads', '1']);
    expect(table.stdout).toContain('github-token');
    expect(table.stdout).not.toContain(token);
    const clean = mkdtempSync(join(tmpdir(), 'bw-cli-clean-'));
    try {
      writeFileSync(join(clean, 'a.txt'), 'nothing here\n');
      expect((await run(['scan', 'secrets', clean, '--threads', '1'])).exitCode).toBe(0);
    } finally {
      rmSync(clean, { recursive: true, force: true });
    }
  });

  it('bad usage exits 2', async () => {
    expect((await run(['scan', 'secrets', dir, '--format', 'xml'])).exitCode).toBe(2);
    expect((await run(['scan', 'secrets', dir, '--since', 'HEAD~1'])).exitCode).toBe(2);
    expect((await run(['scan', 'secrets', dir, '--config', join(dir, 'missing.toml')])).exitCode).toBe(2);
  });
});
