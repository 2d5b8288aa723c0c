import { isAlnum, maskSelected, MASK_CHAR } from '../mask.js';
import { findWithRegex, type Detector, type ScanContext } from './detector.js';
import { LiteralGate, type GateHits } from './literal-gate.js';
import { pendingStart, prefixPattern } from './prefix-pattern.js';

/**
 * Alibaba Cloud AccessKey credentials. Ids are `LTAI` followed by 12–20 letters and digits (16 or
 * 24 characters in practice). Secrets are 30-character alphanumeric tokens; alone they look like
 * any other token, so one is reported only *near* evidence: within 256 bytes after an AccessKey id
 * (even one seen in an earlier chunk) or within 64 bytes after the word "secret" (any case,
 * `AccessKeySecret`, `access_key_secret`…).
 */
const ID_PATTERN = /(?<![0-9A-Za-z_])LTAI[0-9A-Za-z]{12,20}(?![0-9A-Za-z_])/g;
const SECRET_PATTERN = /(?<![0-9A-Za-z_+/])[0-9A-Za-z]{30}(?![0-9A-Za-z_+/=])/g;
const SECRET_WORD = /secret/gi;
const ID_PREFIX = prefixPattern(ID_PATTERN);
const SECRET_PREFIX = prefixPattern(SECRET_PATTERN);

/** How far (bytes) after an id or the word "secret" a 30-character token counts as a secret. */
export const SECRET_NEAR_ID = 256;
export const SECRET_NEAR_WORD = 64;

export function isPlausibleAccessKeyId(value: string): boolean {
  if (!/^LTAI[0-9A-Za-z]{12,20}$/.test(value)) return false;
  // A real id is random: not one repeated character, not a word.
  const tail = value.slice(4);
  return new Set(tail).size >= 6 && /[0-9]/.test(tail) && /[A-Za-z]/.test(tail);
}

/** Random-looking: at least two of upper case, lower case and digits, and many distinct characters. */
export function isPlausibleSecret(value: string): boolean {
  if (!/^[0-9A-Za-z]{30}$/.test(value)) return false;
  const classes = Number(/[A-Z]/.test(value)) + Number(/[a-z]/.test(value)) + Number(/[0-9]/.test(value));
  return classes >= 2 && new Set(value).size >= 12;
}

/** Cheaper than a case-insensitive regex over the window: the usual spellings of "secret". */
export const SECRET_WORD_GATE = new LiteralGate(['cret', 'CRET']);

function mentionsSecret(text: string, from: number, gates?: GateHits): boolean {
  return SECRET_WORD_GATE.present(text, from, gates);
}

function nearSecretWord(text: string, start: number): boolean {
  const from = Math.max(0, start - SECRET_NEAR_WORD - 6);
  SECRET_WORD.lastIndex = from;
  for (let m = SECRET_WORD.exec(text); m !== null && m.index < start; m = SECRET_WORD.exec(text)) {
    if (m.index + 6 <= start) return true;
  }
  return false;
}

function findSecrets(text: string, from: number, ctx: ScanContext, ids: readonly number[], emit: (m: { start: number; end: number }) => void): void {
  let idIndex = 0;
  findWithRegex(SECRET_PATTERN, text, from, emit, (t, s, e) => {
    if (!isPlausibleSecret(t.slice(s, e))) return false;
    while (idIndex < ids.length && (ids[idIndex] ?? 0) <= s) {
      ctx.state.lastAccessKeyEnd = Math.max(ctx.state.lastAccessKeyEnd, ctx.base + (ids[idIndex] ?? 0));
      idIndex++;
    }
    const idEnd = ctx.state.lastAccessKeyEnd;
    if (idEnd >= 0 && ctx.base + s >= idEnd && ctx.base + s - idEnd <= SECRET_NEAR_ID) return true;
    return nearSecretWord(t, s);
  });
}

export const accessKeyDetector: Detector = {
  name: 'accessKey',
  priority: 10,
  maxLength: 30,
  defaultKeep: { prefix: 4, suffix: 4 },
  find(text, from, ctx, emit) {
    const found: { start: number; end: number }[] = [];
    const ids: number[] = [];
    if (text.includes('LTAI', from)) {
      findWithRegex(ID_PATTERN, text, from, (m) => {
        found.push(m);
        ids.push(m.end);
      }, (t, s, e) => isPlausibleAccessKeyId(t.slice(s, e)));
    }
    const recentId = ctx.state.lastAccessKeyEnd >= 0 && ctx.base + from - ctx.state.lastAccessKeyEnd <= SECRET_NEAR_ID;
    if (ids.length > 0 || recentId || mentionsSecret(text, from, ctx.gates)) findSecrets(text, from, ctx, ids, (m) => found.push(m));
    for (const id of ids) ctx.state.lastAccessKeyEnd = Math.max(ctx.state.lastAccessKeyEnd, ctx.base + id);
    found.sort((a, b) => a.start - b.start);
    for (const m of found) emit(m);
  },
  pendingFrom(text, from, ctx) {
    const n = text.length;
    let p = pendingStart(ID_PREFIX, text, Math.max(from, n - 24));
    // A trailing token can become a secret only near evidence (an id or the word "secret").
    const evidence =
      (ctx.state.lastAccessKeyEnd >= 0 && ctx.base + n - ctx.state.lastAccessKeyEnd <= SECRET_NEAR_ID + 30) ||
      text.includes('LTAI', Math.max(0, n - SECRET_NEAR_ID - 60)) ||
      mentionsSecret(text, Math.max(0, n - SECRET_NEAR_WORD - 40));
    if (evidence) p = Math.min(p, pendingStart(SECRET_PREFIX, text, Math.max(from, n - 30)));
    return p;
  },
  mask(value, keep) {
    // Secrets are masked whole; ids keep the documented prefix/suffix.
    if (!value.startsWith('LTAI') || value.length === 30) return MASK_CHAR.repeat(value.length);
    return maskSelected(value, keep, isAlnum);
  },
};
