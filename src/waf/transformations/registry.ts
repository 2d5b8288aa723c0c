import { base64DecodeExt } from './base64-decode-ext.js';
import { base64Decode } from './base64-decode.js';
import { cmdLine } from './cmd-line.js';
import { compressWhitespace } from './compress-whitespace.js';
import { cssDecode } from './css-decode.js';
import { escapeSeqDecode } from './escape-seq-decode.js';
import { hexDecode } from './hex-decode.js';
import { hexEncode } from './hex-encode.js';
import { htmlEntityDecode } from './html-entity-decode.js';
import { jsDecode } from './js-decode.js';
import { length } from './length.js';
import { lowercase } from './lowercase.js';
import { md5 } from './md5.js';
import { none } from './none.js';
import { normalizePathWin } from './normalize-path-win.js';
import { normalizePath } from './normalize-path.js';
import { removeCommentsChar } from './remove-comments-char.js';
import { removeComments } from './remove-comments.js';
import { removeNulls } from './remove-nulls.js';
import { removeWhitespace } from './remove-whitespace.js';
import { replaceComments } from './replace-comments.js';
import { replaceNulls } from './replace-nulls.js';
import { sha1 } from './sha1.js';
import type { Transformation } from './transformation.js';
import { trimLeft } from './trim-left.js';
import { trimRight } from './trim-right.js';
import { trim } from './trim.js';
import { uppercase } from './uppercase.js';
import { urlDecodeUni } from './url-decode-uni.js';
import { urlDecode } from './url-decode.js';
import { utf8toUnicode } from './utf8-to-unicode.js';

/** Transformations by lower-cased SecLang name (names are case-insensitive in `t:`). */
export const TRANSFORMATIONS: ReadonlyMap<string, Transformation> = new Map<string, Transformation>([
  ['none', none],
  ['urldecode', urlDecode],
  ['urldecodeuni', urlDecodeUni],
  ['lowercase', lowercase],
  ['uppercase', uppercase],
  ['htmlentitydecode', htmlEntityDecode],
  ['jsdecode', jsDecode],
  ['cssdecode', cssDecode],
  ['cmdline', cmdLine],
  ['compresswhitespace', compressWhitespace],
  ['removewhitespace', removeWhitespace],
  ['removenulls', removeNulls],
  ['replacenulls', replaceNulls],
  ['replacecomments', replaceComments],
  ['removecomments', removeComments],
  ['removecommentschar', removeCommentsChar],
  ['normalizepath', normalizePath],
  ['normalisepath', normalizePath],
  ['normalizepathwin', normalizePathWin],
  ['normalisepathwin', normalizePathWin],
  ['utf8tounicode', utf8toUnicode],
  ['escapeseqdecode', escapeSeqDecode],
  ['base64decode', base64Decode],
  ['base64decodeext', base64DecodeExt],
  ['hexdecode', hexDecode],
  ['hexencode', hexEncode],
  ['length', length],
  ['sha1', sha1],
  ['md5', md5],
  ['trim', trim],
  ['trimleft', trimLeft],
  ['trimright', trimRight],
]);

export function findTransformation(name: string): Transformation | undefined {
  return TRANSFORMATIONS.get(name.toLowerCase());
}
