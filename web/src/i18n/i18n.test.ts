import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { TABLES, mergeTables } from './modules.js';
import { flattenKeys } from './shape.js';

const en = TABLES.en;
const zhCN = TABLES['zh-CN'];

const SRC = fileURLToPath(new URL('..', import.meta.url));
/** Props that put text on the screen. */
const TEXT_PROPS = new Set(['title', 'placeholder', 'label', 'alt', 'aria-label', 'okText', 'cancelText', 'description', 'message', 'emptyText', 'extra', 'tooltip', 'subTitle']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.tsx') ? [join(dir, e.name)] : []));
}

/** Words written straight into JSX (text children or text props), which would bypass translation. */
function literalText(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && /[A-Za-z\u4e00-\u9fff]/.test(node.text)) found.push(node.text.trim());
    if (ts.isJsxAttribute(node) && TEXT_PROPS.has(node.name.getText(sf)) && node.initializer && ts.isStringLiteral(node.initializer) && /[A-Za-z\u4e00-\u9fff]/.test(node.initializer.text)) found.push(`${node.name.getText(sf)}="${node.initializer.text}"`);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found.map((t) => `${file.slice(SRC.length)}: ${t}`);
}

/** `t('a.b')` keys used in the code (dynamic keys are listed by their tables). */
function usedKeys(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)].map((m) => m[1]!);
}

describe('console translations', () => {
  it('every language has exactly the keys of English, none empty', () => {
    expect(flattenKeys(zhCN).sort()).toEqual(flattenKeys(en).sort());
    const empty = flattenKeys(zhCN).filter((k) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], zhCN) === '');
    expect(empty).toEqual([]);
  });

  it('a module may not redefine a top-level key', () => {
    expect(() => mergeTables({ nav: {} }, [{ hosts: {} }, { nav: {} }])).toThrow(/"nav" is defined twice/);
    expect(Object.keys(mergeTables({ nav: {} }, [{ hosts: {} }]))).toEqual(['nav', 'hosts']);
  });

  it('every key the code uses exists', () => {
    const keys = new Set(flattenKeys(en));
    const files = sources(SRC);
    const missing = files.flatMap(usedKeys).filter((k) => !keys.has(k));
    expect(missing).toEqual([]);
    const nav = [...readFileSync(join(SRC, 'layout/nav.tsx'), 'utf8').matchAll(/label: '([a-zA-Z.]+)'/g)].map((m) => m[1]!);
    expect(nav.length).toBeGreaterThan(10);
    expect(nav.filter((k) => !keys.has(k))).toEqual([]);
  });

  it('no visible text is written into the JSX directly', () => {
    expect(sources(SRC).flatMap(literalText)).toEqual([]);
  });

  it('the Chinese table is translated, not copied', () => {
    const value = (table: object, k: string) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], table) as string;
    const same = flattenKeys(zhCN).map((k) => value(zhCN, k)).filter((v, i, all) => v === value(en, flattenKeys(zhCN)[i]!) && all.length > 0 && /[a-z]{4,}/.test(v) && !/^(Bulwark|AccessKey.*|ARN|MFA.*|ECS|KQL|SARIF|JSON|HTML|Sigma|WAF|DLP|CIDR|TLS|mTLS|URL|IP)$/.test(v));
    expect(same).toEqual([]);
  });
});
