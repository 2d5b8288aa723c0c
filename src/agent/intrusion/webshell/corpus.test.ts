import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WEBSHELL_RULES_YAML } from './default-rules.js';
import { loadWebshellRules } from './rule.js';
import { scanWebshells } from './scanner.js';

/** The corpus written for these rules: test-corpus/malicious (webshell traits) and test-corpus/benign (realistic web code). */
const corpus = (kind: 'malicious' | 'benign'): string => fileURLToPath(new URL(`./test-corpus/${kind}`, import.meta.url));
const rules = loadWebshellRules(DEFAULT_WEBSHELL_RULES_YAML, 'default');

/** The rule each malicious sample is written to exercise (it may trip others too). */
const EXPECTED: Record<string, string> = {
  'eval-post-oneliner.php': 'php-eval-request',
  'assert-post.php': 'php-eval-request',
  'eval-base64-request.php': 'php-eval-decoded',
  'gzinflate-blob.php': 'php-encoded-payload',
  'preg-replace-e.php': 'php-preg-replace-e',
  'system-get.php': 'php-exec-request',
  'filemanager-shell.php': 'php-exec-request-variable',
  'create-function.php': 'php-create-function-input',
  'uploader-oneliner.php': 'php-upload-anything',
  'variable-function-get.php': 'php-dynamic-call-request',
  'strrev-assert.php': 'php-obfuscated-function-name',
  'hex-escaped-assert.php': 'php-obfuscated-function-name',
  'cookie-eval.php': 'php-eval-decoded',
  'callback-assert.php': 'php-dynamic-call-request',
  'file-put-contents-dropper.php': 'php-write-request-path',
  'chr-chain-eval.php': 'php-obfuscated-function-name',
  'cmd.jsp': 'jsp-runtime-exec-request',
  'processbuilder.jsp': 'jsp-command-with-request',
  'classloader.jsp': 'jsp-class-loader-payload',
  'eval-jscript.aspx': 'aspx-eval-request',
  'process-start.aspx': 'aspx-process-start-request',
  'execute-request.asp': 'aspx-eval-request',
  'assembly-load.aspx': 'aspx-assembly-load-request',
  'comment-evasion.php': 'php-eval-request',
  'variable-superglobal.php': 'php-obfuscated-superglobal',
  'scriptlet.jspx': 'jsp-runtime-exec-request',
  'cmd.ashx': 'aspx-process-start-request',
  'backtick.phtml': 'php-exec-request',
  'extract-call.php': 'php-extract-dynamic-call',
  'php-input-eval.php': 'php-eval-request',
};

describe('webshell corpus', () => {
  it('detects every malicious sample with the rule written for it', async () => {
    const files = readdirSync(corpus('malicious')).sort();
    expect(files.length).toBeGreaterThanOrEqual(15);
    const scan = await scanWebshells(corpus('malicious'), rules);
    const hits = new Map(scan.findings.map((f) => [f.path.split('/').pop()!, f.matches.map((m) => m.rule.id)]));
    const missed = files.filter((f) => !hits.has(f));
    const wrongRule = files.filter((f) => hits.has(f) && !hits.get(f)!.includes(EXPECTED[f]!));
    console.log(`webshell corpus: ${hits.size}/${files.length} malicious samples detected (${[...new Set(files.map((f) => f.split('.').pop()))].join(', ')})`);
    expect(missed).toEqual([]);
    expect(wrongRule).toEqual([]);
    expect(Object.keys(EXPECTED).sort()).toEqual(files);
  });

  it('raises no alert on the benign samples', async () => {
    const files = readdirSync(corpus('benign'));
    expect(files.length).toBeGreaterThanOrEqual(15);
    const scan = await scanWebshells(corpus('benign'), rules);
    console.log(`webshell corpus: ${scan.findings.length}/${files.length} benign samples flagged (false positives)`);
    expect(scan.scanned).toBe(files.length);
    expect(scan.findings.map((f) => `${f.path.split('/').pop()}: ${f.matches.map((m) => `${m.rule.id} ${m.regexes.join(' | ')}`).join('; ')}`)).toEqual([]);
  });
});
