import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedLogger } from '../../server/test-support/capture.js';
import { openTestPlatform } from '../../openapi/test-support/iam-fixture.js';
import { initAccount } from '../../iam/bootstrap.js';
import { systemCaller } from '../../iam/caller.js';
import { jsonReport, sarifReport, tableReport } from './output.js';
import { reportableFindings } from './report.js';
import { LeakResponder } from './response.js';
import { scanSecrets, type ScanResult } from './scanner.js';
import { TestRepo } from './test-support/git-repo.js';
import { fakeAccessKeyId, fakeAccessKeySecret, fakeGithubToken, fakePemKey, randomChars } from './test-support/samples.js';

describe('output never carries a secret', () => {
  const repo = new TestRepo();
  const id = fakeAccessKeyId();
  const secret = fakeAccessKeySecret();
  const gh = fakeGithubToken();
  const pem = fakePemKey();
  const password = randomChars(16);
  const secrets = [secret, gh, pem, password, id];
  let result: ScanResult;
  const log = capturedLogger();

  beforeAll(async () => {
    repo.write('app.env', `ALIBABA_CLOUD_ACCESS_KEY_ID=${id}\nALIBABA_CLOUD_ACCESS_KEY_SECRET=${secret}\nGH=${gh}\nDB=mysql://svc:${password}@db:3306/x\n`);
    repo.write('key.pem', pem);
    repo.commit('leak');
    result = await scanSecrets({ path: repo.dir, git: true, threads: 1, logger: log.logger });
  });
  afterAll(() => repo.cleanup());

  it('json, sarif and table show masked values only', () => {
    expect(result.findings.map((f) => f.ruleId).sort()).toEqual(['alibaba-access-key-pair', 'database-url-password', 'github-token', 'private-key']);
    const outputs = [JSON.stringify(jsonReport(result)), JSON.stringify(sarifReport(result, '0.0.0')), tableReport(result)];
    for (const text of outputs) {
      for (const s of secrets) expect(text).not.toContain(s);
      expect(text).toContain(`${gh.slice(0, 4)}…${gh.slice(-4)}`);
    }
    const json = jsonReport(result);
    const pair = json.findings.find((f) => f.ruleId === 'alibaba-access-key-pair')!;
    expect(pair).toMatchObject({ file: 'app.env', line: 1, commit: result.findings[0]!.commit, secret: `LTAI…${id.slice(-4)}` });
    expect(pair.required![0]!.secret).toBe(`${secret.slice(0, 4)}…${secret.slice(-4)}`);
    const sarif = sarifReport(result, '0.0.0') as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> };
    expect(sarif.runs[0]!.results.map((r) => [r.ruleId, r.locations[0]!.physicalLocation.artifactLocation.uri, r.locations[0]!.physicalLocation.region.startLine])).toContainEqual(['github-token', 'app.env', 3]);
  });

  it('the scan log has figures, no secrets', () => {
    expect(log.text()).toContain('secret scan finished');
    for (const s of secrets) expect(log.text()).not.toContain(s);
  });

  it('a report carries the AccessKey id and fingerprints, never the secret', () => {
    const reported = reportableFindings(result.findings);
    expect(reported).toHaveLength(1);
    expect(reported[0]!.accessKeyId).toBe(id);
    expect(JSON.stringify(reported)).not.toContain(secret);
  });

  it('the server-side alert log line masks the key id and never holds the secret', async () => {
    const { platform, dispose } = await openTestPlatform('sqlite');
    const serverLog = capturedLogger();
    try {
      const account = await initAccount(platform);
      const responder = new LeakResponder({ storage: platform.storage, audit: platform.audit, clock: platform.clock, sealer: platform.sealer, logger: serverLog.logger, invalidateCredentials: () => undefined });
      const leaked = result.findings.find((f) => f.ruleId === 'alibaba-access-key-pair')!;
      // the account's own root key, reported with the fingerprint of its real secret
      const verdicts = await responder.respond(
        systemCaller(account.accountId, 'req-1'),
        { findings: reportableFindings([{ ...leaked, secret: account.accessKeyId, fingerprints: [(await import('./detector.js')).leakFingerprint(account.accessKeyId, account.accessKeySecret)] }]) },
        { requestId: 'req-1', sourceIp: '127.0.0.1' },
      );
      expect(verdicts[0]).toMatchObject({ verdict: 'deactivated', owner: 'the root account' });
      const text = serverLog.text();
      expect(text).toContain('leaked credential alert');
      expect(text).toContain(`LTAI…${account.accessKeyId.slice(-4)}`);
      expect(text).not.toContain(account.accessKeyId);
      expect(text).not.toContain(account.accessKeySecret);
    } finally {
      await dispose();
    }
  });
});
