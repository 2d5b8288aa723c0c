import { libinjection } from './libinjection.js';
import type { OperatorFactory } from './operator.js';

/** `@detectXSS`: libinjection's HTML5 tokenizer based XSS detection. */
export const detectXSS: OperatorFactory = () => (input, out) => {
  if (input === '') return false;
  if (libinjection('xss', input) === undefined) return false;
  out.matched = input;
  return true;
};
