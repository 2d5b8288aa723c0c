import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPki, type Pki } from '../gateway/test-support/pki.js';
import { startTestServer, type TestServer } from '../openapi/test-support/server.js';
import { registerSites } from './sites.js';
import { runCli } from './test-support/run-cli.js';

let t: TestServer;
let pki: Pki;
const saved = { ...process.env };

beforeAll(async () => {
  t = await startTestServer();
  process.env.BULWARK_ACCESS_KEY_ID = t.root.accessKeyId;
  process.env.BULWARK_ACCESS_KEY_SECRET = t.root.accessKeySecret;
  pki = createPki();
  pki.ca('ca');
  // valid two days: flagged as expiring
  pki.leaf('shop', 'ca', 'shop.test', ['shop.test', 'www.shop.test']);
  // valid 400 days: not flagged
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'long.key', '-out', 'long.pem', '-days', '400', '-subj', '/CN=long.test', '-addext', 'subjectAltName=DNS:long.test'], { cwd: pki.dir, stdio: 'pipe' });
});
afterAll(async () => {
  process.env = saved;
  await t.close();
});

const sites = (...args: string[]) => runCli(registerSites, ['sites', 'certificates', ...args, '--server', t.server.url]);
const file = (name: string) => join(pki.dir, name);

describe('bulwark sites certificates (against a real server)', () => {
  it('puts, lists with days left and an expiry warning, never prints the key, and deletes', async () => {
    const key = pki.read('shop', 'key').toString('utf8');
    const up = await sites('put', 'shop', '--cert', file('shop.pem'), '--key', file('shop.key'));
    expect(up.exitCode ?? 0).toBe(0);
    expect(up.stdout).toMatch(/uploaded certificate shop \(revision \d+\)/);
    expect(up.stdout).toContain('shop.test, www.shop.test');
    expect(up.stderr).toMatch(/warning: certificate shop expires in [01] day\(s\)/);

    const long = await sites('put', 'long', '--cert', file('long.pem'), '--key', file('long.key'), '--format', 'json');
    const doc = JSON.parse(long.stdout) as { certificate: { name: string; daysLeft: number; fingerprint: string }; created: boolean };
    expect(doc).toMatchObject({ created: true, certificate: { name: 'long' } });
    expect(doc.certificate.daysLeft).toBeGreaterThan(390);
    expect(long.stderr).toBe('');

    const again = await sites('put', 'long', '--cert', file('long.pem'), '--key', file('long.key'));
    expect(again.stdout).toContain('replaced certificate long');

    const list = await sites('list');
    expect(list.exitCode ?? 0).toBe(0);
    const lines = list.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+NAMES \(SAN\)\s+SUBJECT\s+NOT AFTER\s+DAYS LEFT\s+SHA-256 FINGERPRINT$/);
    expect(lines.find((l) => l.startsWith('shop '))).toMatch(/shop\.test,www\.shop\.test .* [01] \(renew soon\) /);
    expect(lines.find((l) => l.startsWith('long '))).toContain(doc.certificate.fingerprint);
    expect(list.stderr).toContain('warning: certificate shop expires');
    expect(list.stderr).not.toContain('certificate long');

    const json = await sites('list', '--format', 'json');
    const listed = JSON.parse(json.stdout) as { certificates: Array<{ name: string; expiresSoon: boolean }> };
    expect(listed.certificates.map((c) => [c.name, c.expiresSoon])).toEqual([['long', false], ['shop', true]]);
    for (const out of [up, long, again, list, json]) {
      expect(out.stdout + out.stderr).not.toContain('PRIVATE KEY');
      expect(out.stdout + out.stderr).not.toContain(key.split('\n')[1]);
    }

    const del = await sites('delete', 'shop', '--format', 'json');
    expect(JSON.parse(del.stdout)).toMatchObject({ name: 'shop', deleted: true });
    expect(JSON.parse((await sites('list', '--format', 'json')).stdout).certificates).toHaveLength(1);
  });

  it('reports a key that does not belong to the certificate with the server code (exit 1), a missing file as bad usage (exit 2)', async () => {
    const mismatch = await sites('put', 'bad', '--cert', file('shop.pem'), '--key', file('long.key'));
    expect(mismatch.exitCode).toBe(1);
    expect(mismatch.stderr).toContain('Site.InvalidCertificate');
    expect(mismatch.stderr).not.toContain('PRIVATE KEY');
    const missing = await sites('put', 'bad', '--cert', file('nope.pem'), '--key', file('long.key'));
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('--cert');
    const unknown = await sites('delete', 'never-uploaded');
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toContain('Site.CertificateNotFound');
  });

  it('refuses to run without --server (usage, exit 2)', async () => {
    const r = await runCli(registerSites, ['sites', 'certificates', 'list']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("required option '--server <url>' not specified");
  });
});
