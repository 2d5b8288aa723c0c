/** A reference inside a macro: `%{tx.score}` → collection TX, key "score"; `%{MATCHED_VAR}` → no key. */
export interface MacroRef {
  readonly collection: string;
  readonly key: string | undefined;
}

/**
 * A string with `%{collection.key}` / `%{VARIABLE}` references (SecLang macro expansion), parsed once.
 * Expansion is done by the transaction, which knows the variables.
 */
export class Macro {
  readonly text: string;
  readonly parts: ReadonlyArray<string | MacroRef>;
  readonly constant: boolean;

  constructor(text: string) {
    this.text = text;
    const parts: Array<string | MacroRef> = [];
    const re = /%\{([^}]+)\}/g;
    let last = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m.index > last) parts.push(text.slice(last, m.index));
      const ref = (m[1] as string).trim();
      const sep = ref.search(/[.:]/);
      parts.push(sep < 0
        ? { collection: ref.toUpperCase(), key: undefined }
        : { collection: ref.slice(0, sep).toUpperCase(), key: ref.slice(sep + 1).toLowerCase() });
      last = m.index + m[0].length;
    }
    if (last < text.length) parts.push(text.slice(last));
    this.parts = parts;
    this.constant = parts.every((p) => typeof p === 'string');
  }
}
