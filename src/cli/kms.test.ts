import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { KmsClient } from '../kms/client.js';
import { startTestServer, type TestServer } from '../openapi/test-support/server.js';
import { registerCrc64 } from './crc64.js';
import { registerKms } from './kms.js';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const program = new Command('bulwark').exitOverride();
  registerKms(program);
  registerCrc64(program);
  const out: string[] = [];
  const err: string[] = [];
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  process.exitCode = 0;
  try {
    await program.parseAsync(['node', 'bulwark', ...args]);
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('bulwark kms encrypt-file / decrypt-file against a server', () => {
  let t: TestServer;
  let dir: string;
  let keyId: string;

  beforeAll(async () => {
    t = await startTestServer();
    dir = mkdtempSync(join(tmpdir(), 'bw-cli-kms-'));
    process.env.BULWARK_ACCESS_KEY_ID = t.root.accessKeyId;
    process.env.BULWARK_ACCESS_KEY_SECRET = t.root.accessKeySecret;
    const client = new KmsClient(t.server.url, { accessKeyId: t.root.accessKeyId, accessKeySecret: t.root.accessKeySecret });
    keyId = String(((await client.call('CreateKey', {})).KeyMetadata as { KeyId: string }).KeyId);
    await client.call('CreateAlias', { AliasName: 'alias/files', KeyId: keyId });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips a file through an alias with an EncryptionContext (JSON output)', async () => {
    const plain = randomBytes(300_000);
    writeFileSync(join(dir, 'in'), plain);
    const enc = await run(['kms', 'encrypt-file', '--key', 'alias/files', '--server', t.server.url, '--context', 'project=x', '--chunk-size', '65536', '--format', 'json', join(dir, 'in'), join(dir, 'in.bwk')]);
    expect(enc.stderr).toBe('');
    expect(enc.code).toBe(0);
    expect(JSON.parse(enc.stdout)).toMatchObject({ keyId, bytes: 300_000, chunks: 5 });
    const dec = await run(['kms', 'decrypt-file', '--server', t.server.url, '--format', 'json', join(dir, 'in.bwk'), join(dir, 'out')]);
    expect(dec.code).toBe(0);
    expect(JSON.parse(dec.stdout)).toMatchObject({ keyId, bytes: 300_000 });
    expect(readFileSync(join(dir, 'out')).equals(plain)).toBe(true);
  });

  it('refuses a modified or truncated file and a disabled key, writing no output', async () => {
    writeFileSync(join(dir, 'in2'), randomBytes(10_000));
    expect((await run(['kms', 'encrypt-file', '--key', keyId, '--server', t.server.url, join(dir, 'in2'), join(dir, 'in2.bwk')])).code).toBe(0);
    const sealed = readFileSync(join(dir, 'in2.bwk'));
    writeFileSync(join(dir, 'cut.bwk'), sealed.subarray(0, sealed.length - 100));
    const cut = await run(['kms', 'decrypt-file', '--server', t.server.url, join(dir, 'cut.bwk'), join(dir, 'cut.out')]);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toContain('Kms.File.Corrupt');
    expect(existsSync(join(dir, 'cut.out'))).toBe(false);
    const client = new KmsClient(t.server.url, { accessKeyId: t.root.accessKeyId, accessKeySecret: t.root.accessKeySecret });
    await client.call('DisableKey', { KeyId: keyId });
    const refused = await run(['kms', 'decrypt-file', '--server', t.server.url, join(dir, 'in2.bwk'), join(dir, 'in2.out')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Rejected.Disabled');
    await client.call('EnableKey', { KeyId: keyId });
    expect((await run(['kms', 'decrypt-file', '--server', t.server.url, join(dir, 'in2.bwk'), join(dir, 'in2.out')])).code).toBe(0);
  });

  it('reports usage errors with exit code 2 and crc64 prints the OSS checksum', async () => {
    expect((await run(['kms', 'encrypt-file', '--key', keyId, join(dir, 'in'), join(dir, 'x')])).code).toBe(2);
    writeFileSync(join(dir, 'check'), '123456789');
    const crc = await run(['crc64', join(dir, 'check')]);
    expect(crc.stdout).toBe(`11051210869376104954  ${join(dir, 'check')}\n`);
  });
});
