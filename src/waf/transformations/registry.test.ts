import { describe, expect, it } from 'vitest';
import { findTransformation, TRANSFORMATIONS } from './registry.js';

/** [transformation, input, expected] — expectations follow ModSecurity's documented semantics. */
const CASES: ReadonlyArray<readonly [string, string, string]> = [
  ['none', 'AbC', 'AbC'],
  ['urlDecode', 'a%20b+c%3D%zz%4', 'a b c=%zz%4'],
  ['urlDecodeUni', '%u0041%uff41%27+%41', "Aa' A"],
  ['urlDecodeUni', '%u003c%2fscript', '</script'],
  ['lowercase', 'SELECT ÀB', 'select Àb'],
  ['uppercase', 'select', 'SELECT'],
  ['htmlEntityDecode', '&lt;a&gt; &#x41;&#66 &quot;&amp;&nbsp;&bogus;', '<a> AB "&\xa0&bogus;'],
  ['jsDecode', '\\x41\\u0042\\103\\n\\q\\uff41', 'ABC\nqa'],
  ['cssDecode', '\\61\\62 c\\\nd\\e', 'abcd\x0e'],
  ['cmdLine', "C^at /E\\tc/'pa'ss\"wd ;  ls  (x)", 'cat/etc/passwd ls(x)'],
  ['compressWhitespace', 'a \t\n\r b\xa0\xa0c', 'a b c'],
  ['removeWhitespace', ' a\tb\nc\xa0', 'abc'],
  ['removeNulls', 'a\0b\0', 'ab'],
  ['replaceNulls', 'a\0b', 'a b'],
  ['replaceComments', 'a/* x */b/* open', 'a b '],
  ['removeComments', 'a/* x */b<!-- y -->c-- tail', 'abc'],
  ['removeCommentsChar', 'a/*b*/c--d#e<!--f-->', 'abcdef'],
  ['normalizePath', '/a//b/./c/../d/', '/a/b/d/'],
  ['normalizePath', '/../../etc/passwd', '/etc/passwd'],
  ['normalizePathWin', 'C:\\a\\..\\b\\.\\c', 'C:/b/c'],
  ['utf8toUnicode', 'a\xc3\xa9\xe2\x82\xac\xff', 'a%u00e9%u20ac\xff'],
  ['escapeSeqDecode', '\\n\\t\\x41\\101\\\\\\z', '\n\tAA\\\\z'],
  ['base64Decode', 'SGVsbG8=!ignored', 'Hello'],
  ['base64DecodeExt', 'SGVs.bG8', 'Hello'],
  ['hexDecode', '414243zz', 'ABC'],
  ['hexEncode', 'AB\xff', '4142ff'],
  ['length', 'abc\xff', '4'],
  ['sha1', 'abc', Buffer.from('a9993e364706816aba3e25717850c26c9cd0d89d', 'hex').toString('latin1')],
  ['md5', 'abc', Buffer.from('900150983cd24fb0d6963f7d28e17f72', 'hex').toString('latin1')],
  ['trim', ' \t a b \n', 'a b'],
  ['trimLeft', '  a ', 'a '],
  ['trimRight', '  a  ', '  a'],
];

describe('transformations', () => {
  it.each(CASES)('t:%s(%j) → %j', (name, input, expected) => {
    const fn = findTransformation(name);
    expect(fn).toBeDefined();
    expect(fn?.(input)).toBe(expected);
  });

  it('looks names up case-insensitively (CRS writes t:base64decode)', () => {
    expect(findTransformation('BASE64DECODE')).toBe(findTransformation('base64Decode'));
  });

  it('covers every transformation the issue lists', () => {
    const listed = ['none', 'urlDecode', 'urlDecodeUni', 'lowercase', 'uppercase', 'htmlEntityDecode', 'jsDecode', 'cssDecode', 'cmdLine',
      'compressWhitespace', 'removeWhitespace', 'removeNulls', 'replaceNulls', 'replaceComments', 'removeComments', 'removeCommentsChar',
      'normalizePath', 'normalizePathWin', 'utf8toUnicode', 'escapeSeqDecode', 'base64Decode', 'base64DecodeExt', 'hexDecode', 'hexEncode',
      'length', 'sha1', 'md5', 'trim', 'trimLeft', 'trimRight'];
    for (const name of listed) expect(TRANSFORMATIONS.has(name.toLowerCase()), name).toBe(true);
    for (const name of listed) expect(CASES.some(([n]) => n === name), `table case for ${name}`).toBe(true);
  });
});
