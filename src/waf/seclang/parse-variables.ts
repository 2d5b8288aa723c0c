import RE2 from 're2';
import { BulwarkError } from '../../core/errors.js';
import { translatePcre } from '../operators/rx-translate.js';
import type { VariableSpec } from '../types.js';
import { isKnownVariable, variableKind } from '../variables/registry.js';

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
      out.push({ collection: name, count, exclude, kind: variableKind(name) });
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
      out.push({ collection: name, keyRegex: re, keyDisplay: `/${key}/`, count, exclude, kind: variableKind(name) });
    } else {
      out.push({ collection: name, key: key.toLowerCase(), keyDisplay: key, count, exclude, kind: variableKind(name) });
    }
  }
  return out;
}
