export interface XmlResult {
  /** Text node contents (`XML:/*`), entity-decoded, whitespace-only nodes skipped. */
  readonly texts: string[];
  /** Attribute values (`XML://@*`). */
  readonly attributes: string[];
  readonly error: string | undefined;
}

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, e: string) => {
    if (e.startsWith('#x')) return String.fromCharCode(parseInt(e.slice(2), 16) & 0xff);
    if (e.startsWith('#')) return String.fromCharCode(parseInt(e.slice(1), 10) & 0xff);
    return ENTITIES[e] ?? whole;
  });
}

/**
 * A small non-validating XML reader: checks well-formedness (balanced tags, one root) and collects text
 * and attribute values. DTDs are skipped and external entities are never resolved (no XXE).
 */
export function parseXmlBody(text: string): XmlResult {
  const texts: string[] = [];
  const attributes: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  const n = text.length;
  const fail = (msg: string): XmlResult => ({ texts, attributes, error: `XML parsing error: ${msg}` });
  while (i < n) {
    const lt = text.indexOf('<', i);
    const chunk = text.slice(i, lt < 0 ? n : lt);
    if (chunk.trim() !== '') {
      if (stack.length === 0) return fail('text outside the root element');
      texts.push(decodeEntities(chunk));
    }
    if (lt < 0) break;
    i = lt;
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) return fail('unterminated processing instruction');
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return fail('unterminated comment');
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i + 9);
      if (end < 0) return fail('unterminated CDATA');
      if (stack.length === 0) return fail('CDATA outside the root element');
      texts.push(text.slice(i + 9, end));
      i = end + 3;
    } else if (text.startsWith('<!', i)) {
      let depth = 0;
      let j = i + 2;
      for (; j < n; j++) {
        if (text[j] === '[') depth++;
        else if (text[j] === ']') depth--;
        else if (text[j] === '>' && depth <= 0) break;
      }
      if (j >= n) return fail('unterminated declaration');
      i = j + 1;
    } else if (text[i + 1] === '/') {
      const end = text.indexOf('>', i);
      if (end < 0) return fail('unterminated end tag');
      const name = text.slice(i + 2, end).trim();
      if (stack.pop() !== name) return fail(`mismatched end tag </${name}>`);
      i = end + 1;
    } else {
      const m = /^<([A-Za-z_:][-\w.:]*)((?:\s+[A-Za-z_:][-\w.:]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/.exec(text.slice(i, i + 65536));
      if (!m) return fail('malformed start tag');
      if (stack.length === 0) {
        roots++;
        if (roots > 1) return fail('more than one root element');
      }
      const attrRe = /([A-Za-z_:][-\w.:]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
      for (let a = attrRe.exec(m[2] as string); a !== null; a = attrRe.exec(m[2] as string)) attributes.push(decodeEntities(a[2] ?? a[3] ?? ''));
      if (m[3] !== '/') stack.push(m[1] as string);
      i += m[0].length;
    }
  }
  if (stack.length > 0) return fail(`unclosed element <${stack[stack.length - 1]}>`);
  if (roots === 0) return fail('no root element');
  return { texts, attributes, error: undefined };
}
