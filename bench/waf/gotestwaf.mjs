// GoTestWAF case expansion (payload × encoder × placeholder) for the placeholders a plain HTTP client can
// send; RawRequest, GraphQL and gRPC cases are skipped (counted as such).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const SUPPORTED = new Set(['URLParam', 'URLPath', 'HTMLForm', 'HTMLMultipartForm', 'JSONRequest', 'JSONBody', 'Header', 'UserAgent', 'XMLBody', 'SOAPBody']);

function encode(encoder, payload) {
  switch (encoder) {
    case 'Base64': return Buffer.from(payload).toString('base64');
    case 'Base64Flat': return Buffer.from(payload).toString('base64').replace(/=+$/, '');
    case 'URL': return encodeURIComponent(payload);
    case 'JSUnicode': return [...payload].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    case 'XMLEntity': return [...payload].map((c) => `&#x${c.charCodeAt(0).toString(16)};`).join('');
    default: return payload;
  }
}

function request(placeholder, value) {
  const base = { method: 'GET', path: '/', headers: { 'User-Agent': 'Mozilla/5.0 (bench)', Accept: '*/*' }, body: undefined };
  switch (placeholder) {
    case 'URLParam': return { ...base, path: `/?q=${/%[0-9a-fA-F]{2}/.test(value) ? value : encodeURIComponent(value)}` };
    case 'URLPath': return { ...base, path: `/${value.replace(/[\s#?]/g, encodeURIComponent)}` };
    case 'Header': return { ...base, headers: { ...base.headers, 'X-Test': value.replace(/[\r\n]/g, '') } };
    case 'UserAgent': return { ...base, headers: { ...base.headers, 'User-Agent': value.replace(/[\r\n]/g, '') } };
    case 'HTMLForm': return { ...base, method: 'POST', headers: { ...base.headers, 'Content-Type': 'application/x-www-form-urlencoded' }, body: `q=${value}` };
    case 'HTMLMultipartForm': {
      const b = 'gotestwafboundary';
      return { ...base, method: 'POST', headers: { ...base.headers, 'Content-Type': `multipart/form-data; boundary=${b}` },
        body: `--${b}\r\nContent-Disposition: form-data; name="q"\r\n\r\n${value}\r\n--${b}--\r\n` };
    }
    case 'JSONRequest':
    case 'JSONBody': return { ...base, method: 'POST', headers: { ...base.headers, 'Content-Type': 'application/json' }, body: JSON.stringify({ q: value }) };
    case 'XMLBody':
    case 'SOAPBody': return { ...base, method: 'POST', headers: { ...base.headers, 'Content-Type': 'text/xml' }, body: `<?xml version="1.0"?><q>${value}</q>` };
    default: return undefined;
  }
}

/** Expands the corpus into { attack: boolean, set, request } cases. */
export function gotestwafCases(dir) {
  const cases = [];
  let skipped = 0;
  for (const set of readdirSync(dir)) {
    for (const file of readdirSync(join(dir, set)).filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'))) {
      const text = readFileSync(join(dir, set, file), 'utf8');
      let doc;
      try {
        doc = parse(text);
      } catch {
        // Go's YAML accepts `\'` in double-quoted strings; the yaml package does not.
        try { doc = parse(text.replace(/\\'/g, "'")); } catch { skipped++; continue; }
      }
      const placeholders = (doc.placeholder ?? []).map((p) => (typeof p === 'string' ? p : Object.keys(p)[0]));
      for (const payload of doc.payload ?? []) {
        for (const encoder of doc.encoder ?? ['Plain']) {
          for (const placeholder of placeholders) {
            if (!SUPPORTED.has(placeholder)) { skipped++; continue; }
            const req = request(placeholder, encode(encoder, String(payload)));
            if (req) cases.push({ attack: set !== 'false-pos', set, request: req });
          }
        }
      }
    }
  }
  return { cases, skipped };
}
