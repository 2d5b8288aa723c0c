import type { CollectContext } from './context.js';
import type { PasswordState } from './inventory.js';
import { readText } from './read.js';

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  gecos: string;
  home: string;
  shell: string;
}

export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

function colonRows(text: string, minFields: number): string[][] {
  const out: string[][] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#') || line.startsWith('+') || line.startsWith('-')) continue;
    const f = line.split(':');
    if (f.length >= minFields && f[0]) out.push(f);
  }
  return out;
}

/** passwd(5): `name:x:uid:gid:gecos:home:shell`. */
export function parsePasswd(text: string): PasswdEntry[] {
  return colonRows(text, 7).map((f) => ({ name: f[0] as string, uid: Number(f[2]) || 0, gid: Number(f[3]) || 0, gecos: f[4] as string, home: f[5] as string, shell: f[6] as string }));
}

/** group(5): `name:x:gid:member,member`. */
export function parseGroup(text: string): GroupEntry[] {
  return colonRows(text, 4).map((f) => ({ name: f[0] as string, gid: Number(f[2]) || 0, members: (f[3] as string).split(',').map((m) => m.trim()).filter(Boolean) }));
}

/** shadow(5) password field → state (the hash itself is never kept). */
export function passwordState(field: string | undefined): PasswordState {
  if (field === undefined) return 'unknown';
  if (field === '') return 'empty';
  if (field.startsWith('!') || field.startsWith('*')) return 'locked';
  return 'set';
}

/** User name → password state from /etc/shadow; undefined when shadow is unreadable. */
export function parseShadow(text: string): Map<string, PasswordState> {
  return new Map(colonRows(text, 2).map((f) => [f[0] as string, passwordState(f[1])]));
}

/** The host's accounts (read once per collection). */
export function passwdOf(ctx: CollectContext): PasswdEntry[] {
  return ctx.memo('passwd', () => parsePasswd(readText(ctx.at('/etc/passwd')) ?? ''));
}

export function groupsOf(ctx: CollectContext): GroupEntry[] {
  return ctx.memo('group', () => parseGroup(readText(ctx.at('/etc/group')) ?? ''));
}
