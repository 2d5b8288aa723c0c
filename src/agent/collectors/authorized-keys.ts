import { createHash } from 'node:crypto';
import type { Collector } from './collector.js';
import type { CollectContext } from './context.js';
import type { AuthorizedKey } from './inventory.js';
import { passwdOf } from './passwd.js';
import { readText } from './read.js';

const DEFAULT_FILES = ['.ssh/authorized_keys', '.ssh/authorized_keys2'];
const KEY_TYPE = /^(ssh-(rsa|dss|ed25519|ed448)|ecdsa-sha2-nistp\d+|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)(-cert-v01@openssh\.com)?$/;

/** `SHA256:` + unpadded base64 of the SHA-256 of the key blob (what `ssh-keygen -lf` prints). */
export function sshFingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** Splits off the options field (may hold quoted spaces) from the rest of the line. */
function splitOptions(line: string): [string, string] {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && quoted) i++;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && (c === ' ' || c === '\t')) return [line.slice(0, i), line.slice(i).trim()];
  }
  return [line, ''];
}

/** The key type embedded in the blob (a length-prefixed string), or undefined when malformed. */
function blobType(blob: Buffer): string | undefined {
  if (blob.length < 4) return undefined;
  const len = blob.readUInt32BE(0);
  return len > 0 && len < 64 && blob.length >= 4 + len ? blob.subarray(4, 4 + len).toString('latin1') : undefined;
}

/** Parses an authorized_keys file (sshd(8) AUTHORIZED_KEYS FILE FORMAT); malformed lines are skipped. */
export function parseAuthorizedKeys(text: string, user: string, file: string): AuthorizedKey[] {
  const out: AuthorizedKey[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    let options = '';
    let rest = line;
    if (!KEY_TYPE.test(line.split(/\s+/)[0] ?? '')) [options, rest] = splitOptions(line);
    const [type, b64, ...comment] = rest.split(/\s+/);
    if (!type || !b64 || !KEY_TYPE.test(type) || !/^[A-Za-z0-9+/]+=*$/.test(b64)) continue;
    const blob = Buffer.from(b64, 'base64');
    if (blobType(blob) !== type) continue;
    out.push({ user, file, type, fingerprint: sshFingerprint(blob), comment: comment.join(' '), options });
  }
  return out;
}

/** `AuthorizedKeysFile` patterns from sshd_config (first occurrence wins), or the defaults. */
export function authorizedKeysPatterns(sshdConfig: string | undefined): string[] {
  for (const raw of (sshdConfig ?? '').split('\n')) {
    const line = raw.trim();
    if (/^match\s/i.test(line)) break;
    const m = /^AuthorizedKeysFile\s+(.+)$/i.exec(line);
    if (m) return (m[1] as string).split(/\s+/).filter((p) => p && p.toLowerCase() !== 'none');
  }
  return DEFAULT_FILES;
}

/** Expands `%h`, `%u`, `%U`, `%%`; relative paths are under the home directory. */
export function expandKeysPath(pattern: string, user: { name: string; uid: number; home: string }): string {
  const expanded = pattern.replace(/%([%hUu])/g, (_, c: string) => (c === '%' ? '%' : c === 'h' ? user.home : c === 'u' ? user.name : String(user.uid)));
  return expanded.startsWith('/') ? expanded : `${user.home.replace(/\/$/, '')}/${expanded}`;
}

function collectKeys(ctx: CollectContext): AuthorizedKey[] {
  const patterns = authorizedKeysPatterns(readText(ctx.at('/etc/ssh/sshd_config')));
  const keys: AuthorizedKey[] = [];
  const seen = new Set<string>();
  for (const user of passwdOf(ctx)) {
    if (!user.home || user.home === '/nonexistent') continue;
    for (const pattern of patterns) {
      const path = expandKeysPath(pattern, user);
      if (seen.has(`${user.name}\0${path}`)) continue;
      seen.add(`${user.name}\0${path}`);
      const text = readText(ctx.at(path));
      if (text !== undefined) keys.push(...parseAuthorizedKeys(text, user.name, path));
    }
  }
  return keys;
}

/** SSH authorized keys of every account (key type, SHA256 fingerprint, comment, options). */
export const authorizedKeysCollector: Collector = {
  name: 'authorized-keys',
  sections: ['authorizedKeys'],
  collect: (ctx) => ({ authorizedKeys: collectKeys(ctx) }),
};
