import type { Transformation } from './transformation.js';

/**
 * `t:removeComments`: deletes C comments `/* … *\/`, HTML comments `<!-- … -->` (unterminated ones run to
 * the end), and everything after `--` or `#`.
 */
export const removeComments: Transformation = (input) => {
  let out = '';
  let i = 0;
  const n = input.length;
  while (i < n) {
    if (input.startsWith('/*', i)) {
      const end = input.indexOf('*/', i + 2);
      if (end < 0) break;
      i = end + 2;
    } else if (input.startsWith('<!--', i)) {
      const end = input.indexOf('-->', i + 4);
      if (end < 0) break;
      i = end + 3;
    } else if (input.startsWith('--', i) || input[i] === '#') {
      break;
    } else {
      out += input[i];
      i++;
    }
  }
  return out;
};
