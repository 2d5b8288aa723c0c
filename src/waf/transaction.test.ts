import { describe, expect, it } from 'vitest';
import { createWaf } from './waf.js';

const UA = ['User-Agent', 'test'] as const;

async function wafWith(rules: string[], mode: 'block' | 'detect' = 'block'): Promise<Awaited<ReturnType<typeof createWaf>>> {
  return createWaf({ mode, rules });
}

describe('Transaction', () => {
  it('denies in block mode and only logs in detect mode', async () => {
    const rule = 'SecRule ARGS:id "@rx (?i)union\\s+select" "id:100,phase:1,deny,status:403,msg:\'SQLi in %{MATCHED_VAR_NAME}\',logdata:\'%{MATCHED_VAR}\'"';
    const block = (await wafWith([rule])).newTransaction({ requestId: 'r1' });
    const it1 = block.processRequestHeaders({ method: 'GET', uri: '/?id=1%20UNION%20SELECT%20pw', protocol: 'HTTP/1.1', headers: [UA] });
    expect(it1).toEqual({ status: 403, action: 'deny', ruleId: 100 });
    expect(block.matchedRules()[0]).toMatchObject({ id: 100, msg: 'SQLi in ARGS:id', logdata: '1 UNION SELECT pw', matchedVar: 'ARGS:id' });
    const detect = (await wafWith([rule], 'detect')).newTransaction();
    expect(detect.processRequestHeaders({ method: 'GET', uri: '/?id=1%20UNION%20SELECT%20pw', protocol: 'HTTP/1.1', headers: [UA] })).toBeUndefined();
    expect(detect.matchedRules().map((m) => m.id)).toEqual([100]);
    expect(detect.logs()[0]).toContain('[id "100"]');
  });

  it('evaluates chains, setvar arithmetic, macros and counting', async () => {
    const waf = await wafWith([
      'SecAction "id:1,phase:1,pass,nolog,setvar:tx.score=0"',
      'SecRule REQUEST_METHOD "@streq POST" "id:2,phase:2,pass,log,msg:\'post with x\',chain"',
      '  SecRule ARGS_POST:x "@rx ^a" "setvar:tx.score=+5,setvar:tx.seen_%{MATCHED_VAR}=1"',
      'SecRule &ARGS "@eq 2" "id:3,phase:2,pass,setvar:tx.score=-1"',
      'SecRule TX:score "@ge 4" "id:4,phase:2,deny,status:418"',
    ]);
    const tx = waf.newTransaction();
    expect(tx.processRequestHeaders({ method: 'POST', uri: '/?q=1', protocol: 'HTTP/1.1', headers: [['Content-Type', 'application/x-www-form-urlencoded']] })).toBeUndefined();
    expect(tx.processRequestBody(Buffer.from('x=abc'))).toEqual({ status: 418, action: 'deny', ruleId: 4 });
    expect(tx.txVar('score')).toBe('4');
    expect(tx.txVar('seen_abc')).toBe('1');
  });

  it('honours skipAfter markers, ctl:ruleRemoveById and ctl:ruleRemoveTargetById', async () => {
    const waf = await wafWith([
      'SecRule ARGS:skip "@streq 1" "id:10,phase:1,pass,nolog,skipAfter:END"',
      'SecRule ARGS:a "@rx evil" "id:11,phase:1,deny"',
      'SecMarker END',
      'SecRule REQUEST_FILENAME "@streq /upload" "id:12,phase:1,pass,nolog,ctl:ruleRemoveTargetById=13;ARGS:comment,ctl:ruleRemoveById=14"',
      'SecRule ARGS "@rx evil" "id:13,phase:2,deny"',
      'SecRule ARGS "@rx evil" "id:14,phase:2,deny"',
    ]);
    const head = (uri: string): { method: string; uri: string; protocol: string; headers: Array<readonly [string, string]> } => ({ method: 'GET', uri, protocol: 'HTTP/1.1', headers: [UA] });
    const skipped = waf.newTransaction();
    expect(skipped.processRequestHeaders(head('/x?skip=1&a=evil'))).toBeUndefined();
    expect(skipped.processRequestBody()).toEqual({ status: 403, action: 'deny', ruleId: 13 });
    const excluded = waf.newTransaction();
    expect(excluded.processRequestHeaders(head('/upload?comment=evil'))).toBeUndefined();
    expect(excluded.processRequestBody()).toBeUndefined();
    const notExcluded = waf.newTransaction();
    notExcluded.processRequestHeaders(head('/upload?other=evil'));
    expect(notExcluded.processRequestBody()).toEqual({ status: 403, action: 'deny', ruleId: 13 });
  });

  it('applies each transaction its own ctl:ruleRemoveTargetByTag history (rules sharing targets included)', async () => {
    const waf = await wafWith([
      'SecRule REQUEST_FILENAME "@streq /a" "id:20,phase:1,pass,nolog,ctl:ruleRemoveTargetByTag=t1;ARGS:q"',
      'SecRule REQUEST_FILENAME "@streq /b" "id:21,phase:1,pass,nolog,ctl:ruleRemoveTargetByTag=t2;ARGS:q"',
      'SecRule ARGS "@rx evil" "id:22,phase:2,pass,log,tag:t1"',
      'SecRule ARGS "@rx evil" "id:23,phase:2,pass,log,tag:t2"',
      'SecRule ARGS "@rx evil" "id:24,phase:2,pass,log,tag:t1"',
    ]);
    const ids = (path: string): number[] => {
      const tx = waf.newTransaction();
      tx.processRequestHeaders({ method: 'GET', uri: `${path}?q=evil`, protocol: 'HTTP/1.1', headers: [UA] });
      tx.processRequestBody();
      return tx.matchedRules().map((m) => m.id);
    };
    expect(ids('/a')).toEqual([23]);
    expect(ids('/b')).toEqual([22, 24]);
    expect(ids('/a')).toEqual([23]);
    expect(ids('/c')).toEqual([22, 23, 24]);
  });

  it('parses JSON, XML and multipart bodies into ARGS / XML / FILES', async () => {
    const waf = await wafWith([
      'SecRule ARGS:json.user.name "@streq bob" "id:20,phase:2,pass,log"',
      'SecRule XML:/* "@streq hello" "id:21,phase:2,pass,log"',
      'SecRule FILES "@endsWith .php" "id:22,phase:2,pass,log"',
      'SecRule ARGS_POST:note "@streq hi" "id:23,phase:2,pass,log"',
      'SecRule MULTIPART_STRICT_ERROR "@eq 0" "id:24,phase:2,pass,log"',
    ]);
    const post = (ct: string, body: string): number[] => {
      const tx = waf.newTransaction();
      tx.processRequestHeaders({ method: 'POST', uri: '/', protocol: 'HTTP/1.1', headers: [['Content-Type', ct]] });
      tx.processRequestBody(body);
      return tx.matchedRules().map((m) => m.id);
    };
    expect(post('application/json', '{"user":{"name":"bob"}}')).toContain(20);
    expect(post('text/xml', '<a><b>hello</b></a>')).toContain(21);
    const mp = '--XyZ\r\nContent-Disposition: form-data; name="f"; filename="shell.php"\r\n\r\n<?php ?>\r\n'
      + '--XyZ\r\nContent-Disposition: form-data; name="note"\r\n\r\nhi\r\n--XyZ--\r\n';
    expect(post('multipart/form-data; boundary=XyZ', mp)).toEqual([22, 23, 24]);
  });

  it('flags request body parse errors (REQBODY_ERROR → rule 200002 denies in block mode)', async () => {
    const tx = (await wafWith([])).newTransaction();
    tx.processRequestHeaders({ method: 'POST', uri: '/', protocol: 'HTTP/1.1', headers: [['Content-Type', 'application/json']] });
    expect(tx.processRequestBody('{"broken":')).toEqual({ status: 400, action: 'deny', ruleId: 200002 });
  });

  it('inspects response headers and bodies of listed MIME types', async () => {
    const waf = await wafWith(['SecRule RESPONSE_BODY "@contains ORA-00933" "id:30,phase:4,deny,status:502"']);
    const tx = waf.newTransaction();
    tx.processRequestHeaders({ method: 'GET', uri: '/', protocol: 'HTTP/1.1', headers: [UA] });
    tx.processRequestBody();
    expect(tx.processResponseHeaders(200, [['Content-Type', 'text/html; charset=utf-8']])).toBeUndefined();
    expect(tx.wantsResponseBody()).toBe(true);
    expect(tx.processResponseBody(Buffer.from('error ORA-00933: SQL command not properly ended'))).toEqual({ status: 502, action: 'deny', ruleId: 30 });
    const img = waf.newTransaction();
    img.processRequestHeaders({ method: 'GET', uri: '/', protocol: 'HTTP/1.1', headers: [UA] });
    img.processResponseHeaders(200, { 'content-type': 'image/png' });
    expect(img.wantsResponseBody()).toBe(false);
    expect(img.processResponseBody(Buffer.from('ORA-00933'))).toBeUndefined();
  });

  it('rejects bodies over the limit with 413 in block mode', async () => {
    const waf = await createWaf({ mode: 'block', requestBodyLimit: 10 });
    const tx = waf.newTransaction();
    tx.processRequestHeaders({ method: 'POST', uri: '/', protocol: 'HTTP/1.1', headers: [['Content-Type', 'text/plain']] });
    expect(tx.processRequestBody('x'.repeat(11))).toEqual({ status: 413, action: 'deny', ruleId: 0 });
  });

  it('skips operators by their literals without changing decisions (negated rules, chains, one transformation chain)', async () => {
    const waf = await wafWith([
      'SecRule ARGS "@rx (?i)union\\s+select" "id:40,phase:1,pass,log,t:none,t:lowercase"',
      'SecRule ARGS "!@rx needle" "id:41,phase:1,pass,log,t:none,t:lowercase"',
      'SecRule ARGS "@pm haystack straw" "id:42,phase:1,pass,log,t:none,t:lowercase,chain"',
      '  SecRule ARGS_NAMES "@rx [;|]" "t:none,t:lowercase"',
    ]);
    const ids = (uri: string): number[] => {
      const tx = waf.newTransaction();
      tx.processRequestHeaders({ method: 'GET', uri, protocol: 'HTTP/1.1', headers: [UA] });
      return tx.matchedRules().map((m) => m.id);
    };
    const links = waf.rules.filter((r) => r.id >= 40 && r.id <= 42).flatMap((r) => (r.chain ? [r, r.chain] : [r]));
    expect(links.map((l) => waf.screenSlots.has(l))).toEqual([true, true, true, true]);
    expect(ids('/?a=plain')).toEqual([41]);
    expect(ids('/?a=1%20UNION%20SELECT%20x')).toEqual([40, 41]);
    expect(ids('/?a=NEEDLE')).toEqual([]);
    expect(ids('/?a=Straw')).toEqual([41]);
    expect(ids('/?a%3Bb=Straw')).toEqual([41, 42]);
  });

  it('re-reads targets after the request data changed (body arguments, ctl:requestBodyProcessor)', async () => {
    const waf = await wafWith([
      'SecRule ARGS "@rx evil" "id:50,phase:1,pass,log"',
      'SecRule REQUEST_HEADERS:Content-Type "@rx ^application/json" "id:51,phase:1,pass,nolog,ctl:requestBodyProcessor=JSON"',
      'SecRule REQBODY_PROCESSOR "@streq JSON" "id:52,phase:1,pass,log"',
      'SecRule ARGS "@rx evil" "id:53,phase:2,pass,log"',
    ]);
    const tx = waf.newTransaction();
    tx.processRequestHeaders({ method: 'POST', uri: '/?q=fine', protocol: 'HTTP/1.1', headers: [UA, ['Content-Type', 'application/json']] });
    tx.processRequestBody(Buffer.from('{"q":"evil"}'));
    expect(tx.matchedRules().map((m) => [m.id, m.matchedVar])).toEqual([[52, 'REQBODY_PROCESSOR'], [53, 'ARGS:json.q']]);
  });

  it('runs libinjection in batches with the same matches as value by value', async () => {
    const waf = await wafWith(['SecRule ARGS_NAMES|ARGS "@detectSQLi" "id:60,phase:2,pass,log,capture,logdata:\'%{TX.0}\'"']);
    const items = Array.from({ length: 300 }, (_, i) => `{"n":"item ${i}"}`);
    const run = (body: string): Array<[number, string, string]> => {
      const tx = waf.newTransaction();
      tx.processRequestHeaders({ method: 'POST', uri: '/', protocol: 'HTTP/1.1', headers: [UA, ['Content-Type', 'application/json']] });
      tx.processRequestBody(Buffer.from(body));
      return tx.matchedRules().map((m) => [m.id, m.matchedVar, m.logdata]);
    };
    expect(run(`[${items.join(',')}]`)).toEqual([]);
    items[280] = '{"n":"1\' or 1=1--"}';
    expect(run(`[${items.join(',')}]`)).toEqual([[60, 'ARGS:json.280.n', 's&1c']]);
  });
});
