import { BulwarkError } from '../../core/errors.js';

export type TokenKind = 'word' | 'phrase' | 'lparen' | 'rparen' | 'lbracket' | 'rbracket' | 'lbrace' | 'rbrace' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** word: source text with escapes kept; phrase: decoded content */
  readonly text: string;
  /** 1-based column of the first character */
  readonly column: number;
  /** whether whitespace (or the start) precedes the token */
  readonly spaced: boolean;
}

const PUNCT: Record<string, TokenKind> = { '(': 'lparen', ')': 'rparen', '[': 'lbracket', ']': 'rbracket', '{': 'lbrace', '}': 'rbrace' };

/** Largest accepted query, in characters. */
export const MAX_QUERY_LENGTH = 16 * 1024;

/** Splits a query into tokens; a word keeps its backslash escapes so the parser can tell `\*` from `*`. */
export function tokenize(input: string): Token[] {
  if (input.length > MAX_QUERY_LENGTH) throw new BulwarkError('Events.QuerySyntax', { column: MAX_QUERY_LENGTH + 1, reason: `the query is longer than ${MAX_QUERY_LENGTH} characters` });
  const tokens: Token[] = [];
  let i = 0;
  let spaced = true;
  while (i < input.length) {
    const c = input[i] as string;
    if (/\s/.test(c)) {
      i++;
      spaced = true;
      continue;
    }
    const punct = PUNCT[c];
    if (punct) {
      tokens.push({ kind: punct, text: c, column: i + 1, spaced });
      i++;
      spaced = false;
      continue;
    }
    if (c === '"') {
      const start = i;
      let text = '';
      i++;
      for (;;) {
        if (i >= input.length) throw new BulwarkError('Events.QuerySyntax', { column: start + 1, reason: 'unterminated quoted phrase' });
        const d = input[i] as string;
        if (d === '\\') {
          if (i + 1 >= input.length) throw new BulwarkError('Events.QuerySyntax', { column: i + 1, reason: 'a backslash must escape a character' });
          text += input[i + 1];
          i += 2;
        } else if (d === '"') {
          i++;
          break;
        } else {
          text += d;
          i++;
        }
      }
      tokens.push({ kind: 'phrase', text, column: start + 1, spaced });
      spaced = false;
      continue;
    }
    const start = i;
    while (i < input.length) {
      const d = input[i] as string;
      if (/\s/.test(d) || d in PUNCT || d === '"') break;
      if (d === '\\') {
        if (i + 1 >= input.length) throw new BulwarkError('Events.QuerySyntax', { column: i + 1, reason: 'a backslash must escape a character' });
        i += 2;
      } else i++;
    }
    tokens.push({ kind: 'word', text: input.slice(start, i), column: start + 1, spaced });
    spaced = false;
  }
  tokens.push({ kind: 'eof', text: '', column: input.length + 1, spaced: true });
  return tokens;
}

/** Index of the first unescaped occurrence of any of `chars` in a word, or -1. */
export function findUnescaped(text: string, chars: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\') i++;
    else if (chars.includes(c)) return i;
  }
  return -1;
}

/** Removes backslash escapes. */
export function unescapeWord(text: string): string {
  return text.replace(/\\(.)/gs, '$1');
}
