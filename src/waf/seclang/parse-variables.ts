import RE2 from 're2';
import { BulwarkError } from '../../core/errors.js';
import { translatePcre } from '../operators/rx-translate.js';
import type { VariableSpec } from '../types.js';
import { isKnownVariable, variableKind } from '../variables/registry.js';

/**
 * A target with every field present (undefined where unused), in one order: all specs share one
 * object shape, which keeps property reads in the rule loop monomorphic.
 */
export function variableSpec(collection: string, key: string | undefined, keyDisplay: string | undefined, keyRegex: RE2 | undefined, count: boolean, exclude: boolean): VariableSpec {
  return { collection, key, keyDisplay, keyRegex, count, exclude, kind: variableKind(collection) };
}

/**
 * Parses a SecRule target list: `ARGS|!ARGS:id|&TX:x|REQUEST_HEADERS:/^x-/|XML:/*`. Keys may be quoted
 * with single quotes; `/…/` keys are regular expressions (except for XML, whose keys are XPath).
 */
export function parseVariables(text: string, where: string): VariableSpec[] {
  const out: VariableSpec[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && (text[i] === '|' || text[i] === ' ')) i++;
    if (i >= n) break;
    let exclude = false;
    let count = false;
    if (text[i] === '!') { exclude = true; i++; }
    if (text[i] === '&') { count = true; i++; }
    let name = '';
    while (i < n && text[i] !== ':' && text[i] !== '|') { name += text[i]; i++; }
    name = name.trim().toUpperCase();
    if (!isKnownVariable(name)) throw new BulwarkError('Waf.InvalidRule', { where, reason: `unknown variable "${name}"` });
    if (text[i] !== ':') {
      out.push(variableSpec(name, undefined, undefined, undefined, count, exclude));
      continue;
    }
    i++;
    let key = '';
    let regex = false;
    if (text[i] === "'") {
      i++;
      while (i < n && text[i] !== "'") { key += text[i]; i++; }
      i++;
    } else if (text[i] === '/' && name !== 'XML') {
      regex = true;
      i++;
      while (i < n) {
        if (text[i] === '\\' && i + 1 < n) { key += text[i]! + text[i + 1]!; i += 2; continue; }
        if (text[i] === '/') { i++; break; }
        key += text[i];
        i++;
      }
    } else {
      while (i < n && text[i] !== '|') { key += text[i]; i++; }
    }
    if (regex) {
      let re: RE2;
      try {
        re = new RE2(translatePcre(key), 'i');
      } catch (e) {
        throw new BulwarkError('Waf.InvalidRule', { where, reason: `bad key regex /${key}/: ${e instanceof Error ? e.message : String(e)}` });
      }
      out.push(variableSpec(name, undefined, `/${key}/`, re, count, exclude));
    } else {
      out.push(variableSpec(name, key.toLowerCase(), key, undefined, count, exclude));
    }
  }
  return out;
}
