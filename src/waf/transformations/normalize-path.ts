import type { Transformation } from './transformation.js';

/** `t:normalizePath`: collapses `//`, removes `./` segments and resolves `../` (never above the root). */
export const normalizePath: Transformation = (input) => {
  if (input === '') return input;
  const absolute = input.startsWith('/');
  const trailing = /\/\.{0,2}$/.test(input) && input !== '/';
  const segments = input.split('/');
  const out: string[] = [];
  for (const seg of segments) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
      continue;
    }
    out.push(seg);
  }
  let result = (absolute ? '/' : '') + out.join('/');
  if (trailing && out.length > 0) result += '/';
  return result;
};
