/** One action of a rule as written: `name` or `name:param` (quotes around the param removed). */
export interface RawAction {
  readonly name: string;
  readonly param: string | undefined;
}

/**
 * Splits a SecLang action list (`id:1,phase:2,msg:'a, b',t:none`) into actions. Commas inside single
 * quotes do not split; `\'` inside quotes is an escaped quote.
 */
export function splitActions(text: string): RawAction[] {
  const out: RawAction[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && (text[i] === ',' || /\s/.test(text[i] as string))) i++;
    if (i >= n) break;
    let name = '';
    while (i < n && text[i] !== ':' && text[i] !== ',') { name += text[i]; i++; }
    name = name.trim();
    if (text[i] !== ':') {
      out.push({ name: name.toLowerCase(), param: undefined });
      continue;
    }
    i++;
    while (i < n && text[i] === ' ') i++;
    let param = '';
    if (text[i] === "'") {
      i++;
      while (i < n) {
        if (text[i] === '\\' && text[i + 1] === "'") { param += "'"; i += 2; continue; }
        if (text[i] === "'") { i++; break; }
        param += text[i];
        i++;
      }
      while (i < n && text[i] !== ',') i++;
    } else {
      while (i < n && text[i] !== ',') { param += text[i]; i++; }
      param = param.trim();
    }
    out.push({ name: name.toLowerCase(), param });
  }
  return out;
}
