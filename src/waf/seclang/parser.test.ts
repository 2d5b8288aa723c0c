import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lexDirectives } from './lexer.js';
import { RuleSet } from './parser.js';
import { splitActions } from './split-actions.js';

describe('SecLang lexer', () => {
  it('joins continuation lines, skips comments and unquotes arguments', () => {
    const ds = lexDirectives('# c\nSecRule ARGS "@rx a\\"b" \\\n  "id:1,\\\n  pass"\nSecRuleEngine On\n', 'x.conf');
    expect(ds).toHaveLength(2);
    expect(ds[0]?.args).toEqual(['ARGS', '@rx a"b', 'id:1,  pass']);
    expect(ds[0]?.line).toBe(2);
    expect(ds[1]?.name).toBe('SecRuleEngine');
  });

  it('splits actions, keeping commas inside quotes', () => {
    expect(splitActions("id:1,msg:'a, b',t:none,setvar:'tx.x=+1',nolog")).toEqual([
      { name: 'id', param: '1' }, { name: 'msg', param: 'a, b' }, { name: 't', param: 'none' },
      { name: 'setvar', param: 'tx.x=+1' }, { name: 'nolog', param: undefined },
    ]);
  });
});

describe('RuleSet', () => {
  it('compiles rules with defaults, chains, markers and configuration directives', () => {
    const set = new RuleSet();
    set.loadText(`
SecRuleEngine DetectionOnly
SecRequestBodyAccess On
SecResponseBodyMimeType text/xml application/json
SecDefaultAction "phase:2,log,auditlog,deny,status:406"
SecRule ARGS "@rx x" "id:10,phase:2,t:lowercase,chain"
  SecRule REQUEST_METHOD "@streq POST" "t:none,setvar:tx.a=1"
SecMarker END
SecAction "id:11,phase:1,nolog,pass"
`, 'inline.conf', '.');
    expect(set.config.ruleEngine).toBe('DetectionOnly');
    expect(set.config.requestBodyAccess).toBe(true);
    expect(set.config.responseBodyMimeTypes.has('application/json')).toBe(true);
    const [r10, marker, r11] = set.rules;
    expect(r10?.id).toBe(10);
    expect(r10?.disruptive).toBe('deny');
    expect(r10?.status).toBe(406);
    expect(r10?.chain?.operatorName).toBe('streq');
    expect(r10?.chain?.actions.map((a) => a.name)).toEqual(['setvar']);
    expect(marker?.marker).toBe('END');
    expect(r11?.log).toBe(false);
    expect(r11?.disruptive).toBe('pass');
  });

  it('removes and updates rules by id, tag and message', () => {
    const set = new RuleSet();
    set.loadText(`
SecRule ARGS "@rx a" "id:1,tag:'attack-sqli',msg:'one'"
SecRule ARGS "@rx b" "id:2,tag:'attack-xss',msg:'two'"
SecRule ARGS "@rx c" "id:3,msg:'three'"
SecRule ARGS "@rx d" "id:4,msg:'four'"
SecRuleRemoveById 1
SecRuleRemoveByTag attack-xss
SecRuleRemoveByMsg ^three$
SecRuleUpdateTargetById 4 "!ARGS:password"
SecRuleUpdateActionById 4 "deny,status:418"
`, 'inline.conf', '.');
    expect(set.rules.map((r) => r.id)).toEqual([4]);
    expect(set.rules[0]?.variables.map((v) => `${v.exclude ? '!' : ''}${v.collection}:${v.key ?? ''}`)).toEqual(['ARGS:', '!ARGS:password']);
    expect(set.rules[0]?.disruptive).toBe('deny');
    expect(set.rules[0]?.status).toBe(418);
  });

  it('follows Include with globs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-seclang-'));
    mkdirSync(join(dir, 'rules'));
    writeFileSync(join(dir, 'rules', 'b.conf'), 'SecRule ARGS "@rx b" "id:2"\n');
    writeFileSync(join(dir, 'rules', 'a.conf'), 'SecRule ARGS "@rx a" "id:1"\n');
    writeFileSync(join(dir, 'rules', 'skip.txt'), 'garbage\n');
    const set = new RuleSet();
    set.loadText('Include rules/*.conf', 'main.conf', dir);
    expect(set.rules.map((r) => r.id)).toEqual([1, 2]);
  });

  it('rejects unknown directives, actions, variables, transformations and duplicate ids with the location', () => {
    const bad = (text: string): (() => void) => () => new RuleSet().loadText(text, 'bad.conf', '.');
    expect(bad('SecNope On')).toThrow(/bad.conf:1.*unknown directive/);
    expect(bad('SecRule ARGS "@rx a" "id:1,explode"')).toThrow(/unknown action "explode"/);
    expect(bad('SecRule NOPE "@rx a" "id:1"')).toThrow(/unknown variable "NOPE"/);
    expect(bad('SecRule ARGS "@rx a" "id:1,t:rot13"')).toThrow(/unknown transformation "rot13"/);
    expect(bad('SecRule ARGS "@rx a" "id:1"\nSecRule ARGS "@rx b" "id:1"')).toThrow(/duplicate rule id 1/);
    expect(bad('SecRule ARGS "@rx a" "phase:2"')).toThrow(/rule has no id/);
    expect(bad('SecRule ARGS "@rx a" "id:1,chain"')).toThrow(/chain without a following rule/);
  });
});
