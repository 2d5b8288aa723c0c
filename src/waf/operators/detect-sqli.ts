import { libinjection, libinjectionNone } from './libinjection.js';
import type { OperatorFactory, OperatorFn } from './operator.js';

/** `@detectSQLi`: libinjection's SQL tokenizer/fingerprinter; the fingerprint is TX.0 with `capture`. */
export const detectSQLi: OperatorFactory = () => {
  const fn: OperatorFn = (input, out, capture) => {
    if (input === '') return false;
    const fp = libinjection('sqli', input);
    if (fp === undefined) return false;
    out.matched = fp;
    if (capture) out.captures = [fp];
    return true;
  };
  return Object.assign(fn, { noneMatch: (inputs: readonly string[]) => libinjectionNone('sqli', inputs) });
};
