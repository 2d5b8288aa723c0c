import { libinjection, libinjectionNone } from './libinjection.js';
import type { OperatorFactory, OperatorFn } from './operator.js';

/** `@detectXSS`: libinjection's HTML5 tokenizer based XSS detection. */
export const detectXSS: OperatorFactory = () => {
  const fn: OperatorFn = (input, out) => {
    if (input === '') return false;
    if (libinjection('xss', input) === undefined) return false;
    out.matched = input;
    return true;
  };
  return Object.assign(fn, { noneMatch: (inputs: readonly string[]) => libinjectionNone('xss', inputs) });
};
