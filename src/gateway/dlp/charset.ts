/**
 * Charset handling. Every value DLP looks for is ASCII, so the scanner never decodes text: it reads
 * a *view* of the body bytes in which every byte that belongs to a multi-byte character is replaced
 * by a non-ASCII marker, and writes masks (ASCII `*`) into the original bytes at the same offsets.
 * Any ASCII-compatible charset is therefore preserved exactly, with no re-encoding.
 *
 * - `ascii`: UTF-8, ISO-8859-x, windows-125x, KOI8, EUC-JP/KR/CN… — bytes of multi-byte characters
 *   are all ≥ 0x80, the view is the body itself.
 * - `gb18030` (GBK, GB2312, GB18030), `big5`, `shift_jis`: trail bytes can be ASCII letters (and in
 *   GB18030's four-byte form, digits), so the view marks them; a value is never found across a
 *   character and masks never split one.
 * - `unsupported`: UTF-16/32, ISO-2022-*, UTF-7: not ASCII-compatible; the body passes uninspected.
 */
export type CharsetFamily = 'ascii' | 'gb18030' | 'big5' | 'shift_jis' | 'unsupported';

/** View marker for the first byte of a multi-byte character (or a lone invalid byte ≥ 0x80). */
export const LEAD_MARK = 0x80;
/** View marker for the other bytes of a multi-byte character; never the start of a character. */
export const TRAIL_MARK = 0x81;

export function charsetFamily(label: string | undefined): CharsetFamily {
  if (label === undefined) return 'ascii';
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (/^(gbk|gb2312|gb18030|x-gbk|cp936|windows-936|gb_2312-80|csgb2312|chinese|iso-ir-58|csiso58gb231280)$/.test(l)) return 'gb18030';
  if (/^(big5|big5-hkscs|cn-big5|csbig5|x-x-big5)$/.test(l)) return 'big5';
  if (/^(shift_jis|shift-jis|sjis|x-sjis|ms_kanji|ms932|windows-31j|csshiftjis)$/.test(l)) return 'shift_jis';
  if (/^(utf-?16|utf-?32|ucs-?2|ucs-?4|unicode|iso-2022|utf-?7|csunicode)/.test(l)) return 'unsupported';
  return 'ascii';
}

/**
 * The charset declared by an HTML document in its first 1024 bytes (`<meta charset=…>` or
 * `<meta http-equiv="Content-Type" content="…; charset=…">`), or a BOM.
 */
export function sniffHtmlCharset(head: Buffer): string | undefined {
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) return 'utf-16';
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  const text = head.subarray(0, 1024).toString('latin1');
  const m = /<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_:.-]{1,40})/i.exec(text);
  return m?.[1];
}

function isAsciiTrail(b: number): boolean {
  return b >= 0x40 && b <= 0x7e;
}

/**
 * Writes the view of `src[from, to)` into `dst` (same offsets). Returns the offset of the first
 * byte of an incomplete trailing character (or `to`); bytes from there are marked and must be
 * looked at again once more data has arrived.
 */
export function fillView(family: CharsetFamily, src: Buffer, dst: Buffer, from: number, to: number, final: boolean): number {
  if (family === 'ascii' || family === 'unsupported') {
    if (src !== dst) src.copy(dst, from, from, to);
    return to;
  }
  let i = from;
  while (i < to) {
    const b = src[i] ?? 0;
    if (b < 0x80) {
      dst[i] = b;
      i++;
      continue;
    }
    const len = charLength(family, src, i, to);
    if (len === 0) {
      // Incomplete character at the end of the data.
      if (final) {
        for (let j = i; j < to; j++) dst[j] = (src[j] ?? 0) < 0x80 ? (src[j] ?? 0) : LEAD_MARK;
        return to;
      }
      dst[i] = LEAD_MARK;
      for (let j = i + 1; j < to; j++) dst[j] = TRAIL_MARK;
      return i;
    }
    dst[i] = LEAD_MARK;
    for (let j = 1; j < len; j++) dst[i + j] = TRAIL_MARK;
    i += len;
  }
  return to;
}

/** Bytes of the character starting with the non-ASCII byte at `i`: 1 (invalid/single), 2, 4, or 0 when cut by `to`. */
function charLength(family: CharsetFamily, src: Buffer, i: number, to: number): number {
  const b = src[i] ?? 0;
  if (family === 'gb18030') {
    if (b === 0x80 || b === 0xff) return 1;
    if (i + 1 >= to) return 0;
    const b2 = src[i + 1] ?? 0;
    if (b2 >= 0x30 && b2 <= 0x39) {
      if (i + 3 >= to) return 0;
      const b3 = src[i + 2] ?? 0;
      const b4 = src[i + 3] ?? 0;
      return b3 >= 0x81 && b3 <= 0xfe && b4 >= 0x30 && b4 <= 0x39 ? 4 : 1;
    }
    return isAsciiTrail(b2) || (b2 >= 0x80 && b2 <= 0xfe) ? 2 : 1;
  }
  if (family === 'big5') {
    if (b === 0x80 || b === 0xff) return 1;
    if (i + 1 >= to) return 0;
    const b2 = src[i + 1] ?? 0;
    return isAsciiTrail(b2) || (b2 >= 0xa1 && b2 <= 0xfe) ? 2 : 1;
  }
  // shift_jis
  if (b === 0x80 || (b >= 0xa0 && b <= 0xdf) || b > 0xfc) return 1;
  if (i + 1 >= to) return 0;
  const b2 = src[i + 1] ?? 0;
  return isAsciiTrail(b2) || (b2 >= 0x80 && b2 <= 0xfc) ? 2 : 1;
}
