/** One configuration directive as written: its name, its arguments (quotes removed) and where it came from. */
export interface Directive {
  readonly name: string;
  readonly args: readonly string[];
  readonly file: string;
  readonly line: number;
}

/**
 * Splits SecLang text into directives. Lines ending in a backslash continue on the next line, `#`
 * starts a comment line, arguments are separated by whitespace and may be double- or single-quoted;
 * inside quotes only the escaped quote (`\"`) loses its backslash, as Apache's config reader does.
 */
export function lexDirectives(text: string, file: string): Directive[] {
  const lines = text.split(/\r?\n/);
  const out: Directive[] = [];
  let buffer = '';
  let startLine = 0;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] as string;
    if (buffer === '') {
      startLine = i + 1;
      const trimmed = line.trimStart();
      if (trimmed === '' || trimmed.startsWith('#')) continue;
    }
    if (/\\[ \t]*$/.test(line)) {
      line = line.replace(/\\\s*$/, '');
      buffer += line;
      continue;
    }
    buffer += line;
    const args = splitArgs(buffer);
    buffer = '';
    if (args.length === 0) continue;
    const [name, ...rest] = args;
    out.push({ name: name as string, args: rest, file, line: startLine });
  }
  if (buffer.trim() !== '') {
    const [name, ...rest] = splitArgs(buffer);
    if (name !== undefined) out.push({ name, args: rest, file, line: startLine });
  }
  return out;
}

function splitArgs(text: string): string[] {
  const args: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && /\s/.test(text[i] as string)) i++;
    if (i >= n) break;
    const q = text[i];
    if (q === '"' || q === "'") {
      i++;
      let arg = '';
      while (i < n && text[i] !== q) {
        if (text[i] === '\\' && text[i + 1] === q) {
          arg += q;
          i += 2;
          continue;
        }
        arg += text[i];
        i++;
      }
      i++;
      args.push(arg);
    } else {
      let arg = '';
      while (i < n && !/\s/.test(text[i] as string)) {
        arg += text[i];
        i++;
      }
      args.push(arg);
    }
  }
  return args;
}
