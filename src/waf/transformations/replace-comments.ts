import type { Transformation } from './transformation.js';

/** `t:replaceComments`: each C comment `/* … *\/` becomes one space; an unterminated one runs to the end. */
export const replaceComments: Transformation = (input) => {
  if (!input.includes('/*')) return input;
  return input.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, ' ');
};
