/**
 * Splits a command line into argv like a POSIX shell splits words — single quotes, double quotes
 * (with `\"`, `\\`, `\$`, `` \` `` escapes) and backslashes — but with no expansion, globbing,
 * redirection or pipes: the command runs without a shell. Returns undefined for an unterminated quote.
 */
export function splitArgv(line: string): string[] | undefined {
  const argv: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) argv.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return undefined;
      word += line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && '"\\$`'.includes(line[j + 1] ?? '')) j++;
        word += line[j];
      }
      if (j >= line.length) return undefined;
      i = j;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
    } else {
      word += c;
    }
  }
  if (inWord) argv.push(word);
  return argv;
}
