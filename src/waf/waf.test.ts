import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedCrsDir } from './crs/crs-corpus.js';
import { createWaf, DEBIAN_CRS_DIR, pathExclusionSecLang } from './waf.js';

const crsDir = sharedCrsDir();
const debian = existsSync(`${DEBIAN_CRS_DIR}/rules`);
if (crsDir === undefined) console.warn('[waf] ../shared/corpora/crs is absent: skipping CRS v4 loading tests');
if (!debian) console.warn(`[waf] ${DEBIAN_CRS_DIR} is absent (apt-get install modsecurity-crs): skipping the Debian CRS 3.3.4 test`);

const attack = { method: 'GET', uri: "/?id=1'%20or%201=1--", protocol: 'HTTP/1.1', headers: [['Host', 'example.com'], ['User-Agent', 'curl/8.5'], ['Accept', '*/*']] as Array<[string, string]> };
const benign = { ...attack, uri: '/products?page=2&sort=price' };

describe('createWaf', () => {
  it('validates its options and names the bad field', async () => {
    await expect(createWaf({ paranoia: 7 })).rejects.toThrow(/Invalid WAF configuration at "paranoia"/);
    await expect(createWaf({ mode: 'on' as 'block' })).rejects.toThrow(/"mode"/);
    await expect(createWaf({ exclusions: [{ id: 'abc' }] })).rejects.toThrow(/exclusions/);
    await expect(createWaf({ crsDir: '/nonexistent' })).rejects.toThrow(/no rules\/ folder/);
    await expect(createWaf({ rules: ['SecRule ARGS "@rx (" "id:1,deny"'] })).rejects.toThrow(/Invalid WAF rule at <rules>:1/);
  });

  it('limits an exclusion with a path to requests under that path (id, id + target, tag)', async () => {
    const rules = [`SecRule ARGS "@detectSQLi" "id:100100,phase:2,deny,status:403,log,msg:'SQL injection',tag:'attack-sqli'"`];
    const verdict = async (exclusions: Parameters<typeof createWaf>[0]['exclusions'], uri: string) => {
      const tx = (await createWaf({ mode: 'block', rules, exclusions })).newTransaction();
      tx.processRequestHeaders({ ...attack, uri });
      return tx.processRequestBody()?.status;
    };
    expect(await verdict([], "/search?id=1'%20or%201=1--")).toBe(403);
    expect(await verdict([{ id: 100100, path: '/search' }], "/search?id=1'%20or%201=1--")).toBeUndefined();
    expect(await verdict([{ id: 100100, path: '/search' }], "/other?id=1'%20or%201=1--")).toBe(403);
    expect(await verdict([{ id: '100100', target: 'ARGS:id', path: '/search' }], "/search?id=1'%20or%201=1--")).toBeUndefined();
    expect(await verdict([{ id: '100100', target: 'ARGS:id', path: '/search' }], "/search?q=1'%20or%201=1--")).toBe(403);
    expect(await verdict([{ tag: 'attack-sqli', path: '/search' }], "/search/deep?id=1'%20or%201=1--")).toBeUndefined();
    expect(await verdict([{ id: 100100 }], "/other?id=1'%20or%201=1--")).toBeUndefined();
    expect(pathExclusionSecLang([{ id: 942100, path: '/a' }, { id: 1 }, { tag: 't', target: 'ARGS:x', path: '/b' }])).toBe(
      'SecRule REQUEST_FILENAME "@beginsWith /a" "id:9000100,phase:1,pass,nolog,t:none,ctl:ruleRemoveById=942100"\n'
        + 'SecRule REQUEST_FILENAME "@beginsWith /b" "id:9000101,phase:1,pass,nolog,t:none,ctl:ruleRemoveTargetByTag=t;ARGS:x"',
    );
    await expect(createWaf({ exclusions: [{ id: 1, path: 'no-slash' }] })).rejects.toThrow(/exclusions/);
    await expect(createWaf({ exclusions: [{ id: 1, path: '/a b' }] })).rejects.toThrow(/exclusions/);
    await expect(createWaf({ exclusions: [{ tag: 'a,b', path: '/a' }] })).rejects.toThrow(/exclusions/);
  });

  it.skipIf(crsDir === undefined)('runs CRS v4 at paranoia 1: blocks SQLi with anomaly scoring, passes benign traffic, honours exclusions', async () => {
    const waf = await createWaf({ crsDir: crsDir as string, paranoia: 1, mode: 'block' });
    expect(waf.ruleCount).toBeGreaterThan(500);
    const tx = waf.newTransaction({ remoteAddr: '192.0.2.1', requestId: 'req-1' });
    tx.processRequestHeaders(attack);
    const it = tx.processRequestBody();
    expect(it).toEqual({ status: 403, action: 'deny', ruleId: 949110 });
    expect(tx.matchedRules().map((m) => m.id)).toContain(942100);
    expect(tx.anomalyScores().inbound).toBeGreaterThanOrEqual(5);
    const ok = waf.newTransaction();
    ok.processRequestHeaders(benign);
    expect(ok.processRequestBody()).toBeUndefined();
    expect(ok.matchedRules()).toEqual([]);
    const excluded = await createWaf({ crsDir: crsDir as string, paranoia: 1, mode: 'block', exclusions: [{ tag: 'attack-sqli', target: 'ARGS:id' }] });
    const ex = excluded.newTransaction();
    ex.processRequestHeaders(attack);
    expect(ex.processRequestBody()).toBeUndefined();
    const detect = await createWaf({ crsDir: crsDir as string, paranoia: 1, mode: 'detect' });
    const dt = detect.newTransaction();
    dt.processRequestHeaders(attack);
    expect(dt.processRequestBody()).toBeUndefined();
    expect(dt.matchedRules().map((m) => m.id)).toContain(949110);
  });

  it.skipIf(!debian)("loads Debian's CRS 3.3.4 and blocks the same attack", async () => {
    const waf = await createWaf({ crsDir: DEBIAN_CRS_DIR, paranoia: 1, mode: 'block' });
    expect(waf.ruleCount).toBeGreaterThan(300);
    const tx = waf.newTransaction();
    tx.processRequestHeaders(attack);
    expect(tx.processRequestBody()?.status).toBe(403);
    const ok = waf.newTransaction();
    ok.processRequestHeaders(benign);
    expect(ok.processRequestBody()).toBeUndefined();
  });
});
