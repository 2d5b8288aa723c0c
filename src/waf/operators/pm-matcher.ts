import RE2 from 're2';

/** A case-insensitive phrase set searched in linear time (one RE2 alternation of escaped literals). */
export class PhraseMatcher {
  private readonly re: RE2 | undefined;

  constructor(phrases: readonly string[]) {
    const unique = [...new Set(phrases.filter((p) => p !== '').map((p) => p.toLowerCase()))];
    unique.sort((a, b) => b.length - a.length);
    this.re = unique.length === 0 ? undefined
      : new RE2(unique.map((p) => p.replace(/[\\^$.*+?()[\]{}|/-]/g, (c) => `\\${c}`)).join('|'), 'i');
  }

  /** The first phrase found in the input, or undefined. */
  find(input: string): string | undefined {
    if (this.re === undefined) return undefined;
    const m = this.re.exec(input);
    return m === null ? undefined : m[0];
  }
}
