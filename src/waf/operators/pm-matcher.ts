import RE2 from 're2';
import type { RequiredLiterals } from './operator.js';

/** A case-insensitive phrase set searched in linear time (one RE2 alternation of escaped literals). */
export class PhraseMatcher {
  private readonly re: RE2 | undefined;
  /** The phrases as required literals (every match contains one of them); undefined beyond U+00FF. */
  readonly literals: RequiredLiterals | undefined;

  constructor(phrases: readonly string[]) {
    const unique = [...new Set(phrases.filter((p) => p !== '').map((p) => p.toLowerCase()))];
    unique.sort((a, b) => b.length - a.length);
    this.re = unique.length === 0 ? undefined
      : new RE2(unique.map((p) => p.replace(/[\\^$.*+?()[\]{}|/-]/g, (c) => `\\${c}`)).join('|'), 'i');
    this.literals = unique.length > 0 && unique.every(isBinary) ? { literals: unique, caseInsensitive: true } : undefined;
  }

  /** The first phrase found in the input, or undefined. */
  find(input: string): string | undefined {
    if (this.re === undefined) return undefined;
    const m = this.re.exec(input);
    return m === null ? undefined : m[0];
  }
}

/** True when every character is a byte (U+0000–U+00FF). */
function isBinary(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return false;
  return true;
}
