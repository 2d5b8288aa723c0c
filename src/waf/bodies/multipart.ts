/** One part of a multipart/form-data body. */
export interface MultipartPart {
  readonly name: string;
  readonly filename: string | undefined;
  readonly value: string;
  /** Raw header lines of the part ("Content-Disposition: form-data; name=…"). */
  readonly headers: string[];
}

/** The strict-parsing flags ModSecurity exposes as MULTIPART_* variables (1 = problem seen). */
export interface MultipartFlags {
  boundaryQuoted: boolean;
  boundaryWhitespace: boolean;
  dataBefore: boolean;
  dataAfter: boolean;
  headerFolding: boolean;
  lfLine: boolean;
  crlfLfLines: boolean;
  missingSemicolon: boolean;
  invalidQuoting: boolean;
  invalidPart: boolean;
  invalidHeaderFolding: boolean;
  fileLimitExceeded: boolean;
  unmatchedBoundary: boolean;
}

export interface MultipartResult {
  readonly parts: MultipartPart[];
  readonly flags: MultipartFlags;
  readonly error: string | undefined;
}

function emptyFlags(): MultipartFlags {
  return { boundaryQuoted: false, boundaryWhitespace: false, dataBefore: false, dataAfter: false, headerFolding: false,
    lfLine: false, crlfLfLines: false, missingSemicolon: false, invalidQuoting: false, invalidPart: false,
    invalidHeaderFolding: false, fileLimitExceeded: false, unmatchedBoundary: false };
}

/** Extracts the boundary from a Content-Type value and notes quoting/whitespace oddities. */
export function multipartBoundary(contentType: string, flags: MultipartFlags): string | undefined {
  const m = /boundary(\s*)=(\s*)("?)([^";,]*)("?)/i.exec(contentType);
  if (!m) return undefined;
  if (m[1] !== '' || m[2] !== '') flags.boundaryWhitespace = true;
  if (m[3] === '"' || m[5] === '"') {
    flags.boundaryQuoted = true;
    if (m[3] !== m[5]) return undefined;
  }
  const boundary = m[4] as string;
  if (boundary === '' || /\s$/.test(boundary)) flags.boundaryWhitespace = true;
  return boundary === '' ? undefined : boundary;
}

function parseDisposition(value: string, flags: MultipartFlags): { name: string | undefined; filename: string | undefined; ok: boolean } {
  const m = /^\s*form-data\s*(;?)(.*)$/is.exec(value);
  if (!m) return { name: undefined, filename: undefined, ok: false };
  let rest = m[2] as string;
  if (m[1] === '' && rest.trim() !== '') flags.missingSemicolon = true;
  let name: string | undefined;
  let filename: string | undefined;
  while (rest.trim() !== '') {
    const pm = /^\s*;?\s*([\w*-]+)\s*=\s*/.exec(rest);
    if (!pm) { flags.invalidQuoting = true; break; }
    rest = rest.slice(pm[0].length);
    let v: string;
    if (rest.startsWith('"')) {
      let j = 1;
      let out = '';
      while (j < rest.length && rest[j] !== '"') {
        // like ModSecurity, only \" and \\ are escapes; other backslashes stay (Windows paths, evasions)
        if (rest[j] === '\\' && (rest[j + 1] === '"' || rest[j + 1] === '\\')) { out += rest[j + 1]; j += 2; continue; }
        out += rest[j];
        j++;
      }
      if (j >= rest.length) flags.invalidQuoting = true;
      v = out;
      rest = rest.slice(j + 1);
    } else {
      const end = rest.search(/[;\s]/);
      v = end < 0 ? rest : rest.slice(0, end);
      if (v.includes("'") || v.includes('"')) flags.invalidQuoting = true;
      rest = end < 0 ? '' : rest.slice(end);
      if (rest !== '' && !/^\s*;/.test(rest) && rest.trim() !== '') flags.missingSemicolon = true;
    }
    const key = (pm[1] as string).toLowerCase();
    if (key === 'name') name = v;
    else if (key === 'filename' || key === 'filename*') filename = v;
  }
  return { name, filename, ok: true };
}

/**
 * Parses multipart/form-data strictly enough to fill ModSecurity's MULTIPART_* flags: boundary quoting,
 * data before the first / after the last boundary, LF-only lines, header folding, missing semicolons,
 * bad quoting, parts without a form-data disposition, and lines that look like a different boundary.
 */
export function parseMultipart(body: string, contentType: string, maxFiles = 100): MultipartResult {
  const flags = emptyFlags();
  const parts: MultipartPart[] = [];
  const boundary = multipartBoundary(contentType, flags);
  if (boundary === undefined) return { parts, flags, error: 'Multipart: boundary not found or invalid in Content-Type' };
  const delimiter = `--${boundary}`;
  let pos = body.indexOf(delimiter);
  if (pos < 0) return { parts, flags, error: 'Multipart: no boundary found in the body' };
  if (body.slice(0, pos).replace(/\r?\n/g, '') !== '') flags.dataBefore = true;
  let finished = false;
  let files = 0;
  let sawCrlf = false;
  while (pos >= 0) {
    let after = pos + delimiter.length;
    if (body.startsWith('--', after)) {
      finished = true;
      const tail = body.slice(after + 2).replace(/^[ \t]*\r?\n/, '');
      if (tail.replace(/[\r\n]/g, '') !== '') flags.dataAfter = true;
      break;
    }
    const eol = body.indexOf('\n', after);
    if (eol < 0) break;
    const restOfLine = body.slice(after, eol).replace(/\r$/, '');
    if (restOfLine.trim() !== '') flags.unmatchedBoundary = true;
    if (body[eol - 1] === '\r') sawCrlf = true; else flags.lfLine = true;
    after = eol + 1;
    const next = findDelimiter(body, delimiter, after);
    if (next < 0) { flags.unmatchedBoundary = true; break; }
    let content = body.slice(after, next);
    if (content.endsWith('\r\n')) { content = content.slice(0, -2); sawCrlf = true; } else if (content.endsWith('\n')) { content = content.slice(0, -1); flags.lfLine = true; }
    const part = parsePart(content, flags);
    if (part === undefined) flags.invalidPart = true;
    else {
      if (part.filename !== undefined) {
        files++;
        if (files > maxFiles) flags.fileLimitExceeded = true;
      }
      parts.push(part);
    }
    pos = next;
  }
  if (sawCrlf && flags.lfLine) flags.crlfLfLines = true;
  for (const line of body.split('\n')) {
    if (line.startsWith('--') && !line.startsWith(delimiter) && /^--[-\w'()+,./:=?]{8,}\r?$/.test(line) && parts.length > 0) {
      flags.unmatchedBoundary = true;
    }
  }
  return { parts, flags, error: finished ? undefined : 'Multipart: final boundary missing' };
}

function findDelimiter(body: string, delimiter: string, from: number): number {
  let i = body.indexOf(delimiter, from);
  while (i >= 0) {
    if (i === 0 || body[i - 1] === '\n') return i;
    i = body.indexOf(delimiter, i + 1);
  }
  return -1;
}

function parsePart(content: string, flags: MultipartFlags): MultipartPart | undefined {
  const headers: string[] = [];
  let i = 0;
  while (true) {
    const eol = content.indexOf('\n', i);
    if (eol < 0) return undefined;
    let line = content.slice(i, eol);
    if (line.endsWith('\r')) line = line.slice(0, -1); else flags.lfLine = true;
    i = eol + 1;
    if (line === '') break;
    if (/^[ \t]/.test(line)) {
      flags.headerFolding = true;
      if (headers.length === 0) { flags.invalidHeaderFolding = true; continue; }
      headers[headers.length - 1] += ' ' + line.trim();
      continue;
    }
    if (!line.includes(':')) return undefined;
    headers.push(line);
  }
  let name: string | undefined;
  let filename: string | undefined;
  let disposition = false;
  for (const h of headers) {
    const colon = h.indexOf(':');
    if (h.slice(0, colon).trim().toLowerCase() !== 'content-disposition') continue;
    const d = parseDisposition(h.slice(colon + 1), flags);
    if (!d.ok) return undefined;
    disposition = true;
    name = d.name;
    filename = d.filename;
  }
  if (!disposition || name === undefined) return undefined;
  return { name, filename, value: content.slice(i), headers };
}
