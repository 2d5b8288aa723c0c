import { dirname, isAbsolute, join } from 'node:path';
import type { CollectContext } from './context.js';
import type { SudoRule } from './inventory.js';
import type { GroupEntry, PasswdEntry } from './passwd.js';
import { listDir, readText } from './read.js';

export interface Sudoers {
  rules: SudoRule[];
  /** `User_Alias` name → members */
  userAliases: Map<string, string[]>;
}

const MAX_DEPTH = 32;
const ALIAS = /^(User|Runas|Host|Cmnd|Cmd)_Alias\s+/;

/** Joins `\`-continued lines and drops comments (`#include…` and `#<uid>` are not comments). */
function logicalLines(text: string): string[] {
  const out: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    let line = raw.replace(/\s+$/, '');
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    line = (pending + line).trim();
    pending = '';
    if (line === '') continue;
    if (line.startsWith('#') && !/^#include(dir)?\s/.test(line) && !/^#\d/.test(line)) continue;
    const inline = line.search(/\s#(?!\d)/);
    out.push(inline > 0 && !line.startsWith('#include') ? line.slice(0, inline).trim() : line);
  }
  return out;
}

/** Files sudo reads from an `@includedir`: no `.` in the name and no trailing `~`. */
function includedirFiles(dir: string): string[] {
  return listDir(dir).filter((n) => !n.includes('.') && !n.endsWith('~'));
}

/**
 * Parses /etc/sudoers and what it includes (`@include`, `@includedir`, `#include`, `#includedir`):
 * one rule per principal of each user specification; `Defaults` lines are not rules.
 */
export function readSudoers(ctx: CollectContext, file = '/etc/sudoers'): Sudoers {
  const result: Sudoers = { rules: [], userAliases: new Map() };
  const seen = new Set<string>();
  const visit = (path: string, depth: number) => {
    if (depth > MAX_DEPTH || seen.has(path)) return;
    seen.add(path);
    const text = readText(ctx.at(path));
    if (text === undefined) return;
    for (const line of logicalLines(text)) {
      const inc = /^[@#](include|includedir)\s+(.+)$/.exec(line);
      if (inc) {
        const target = (inc[2] as string).trim().replace(/^"|"$/g, '');
        const abs = isAbsolute(target) ? target : join(dirname(path), target);
        if (inc[1] === 'include') visit(abs, depth + 1);
        else for (const name of includedirFiles(ctx.at(abs))) visit(join(abs, name), depth + 1);
        continue;
      }
      if (/^Defaults\b/.test(line)) continue;
      if (ALIAS.test(line)) {
        if (line.startsWith('User_Alias')) {
          for (const def of line.replace(ALIAS, '').split(':')) {
            const eq = def.indexOf('=');
            if (eq > 0) result.userAliases.set(def.slice(0, eq).trim(), def.slice(eq + 1).split(',').map((s) => s.trim()).filter(Boolean));
          }
        }
        continue;
      }
      const eq = line.indexOf('=');
      if (eq < 0) continue;
      const left = line.slice(0, eq).replace(/\s*,\s*/g, ',').trim();
      const users = left.split(/\s+/)[0] ?? '';
      for (const principal of users.split(',')) {
        if (principal && !principal.startsWith('!')) result.rules.push({ file: path, principal, rule: line, nopasswd: /\bNOPASSWD\s*:/.test(line) });
      }
    }
  };
  visit(file, 0);
  return result;
}

/** Users a sudoers principal stands for (`name`, `#uid`, `%group`, `%#gid`, `ALL`, `User_Alias`). */
export function expandPrincipal(principal: string, sudoers: Sudoers, users: readonly PasswdEntry[], groups: readonly GroupEntry[], depth = 0): Set<string> {
  const out = new Set<string>();
  if (depth > MAX_DEPTH) return out;
  const addGroup = (g: GroupEntry | undefined) => {
    if (!g) return;
    for (const m of g.members) out.add(m);
    for (const u of users) if (u.gid === g.gid) out.add(u.name);
  };
  if (principal === 'ALL') for (const u of users) out.add(u.name);
  else if (principal.startsWith('%#')) addGroup(groups.find((g) => g.gid === Number(principal.slice(2))));
  else if (principal.startsWith('%')) addGroup(groups.find((g) => g.name === principal.slice(1)));
  else if (principal.startsWith('#')) users.filter((u) => u.uid === Number(principal.slice(1))).forEach((u) => out.add(u.name));
  else if (sudoers.userAliases.has(principal)) {
    // Items are matched in order and the last match wins: `%ops, !erin` is ops without erin.
    for (const member of sudoers.userAliases.get(principal) ?? []) {
      const negated = member.startsWith('!');
      for (const n of expandPrincipal(negated ? member.slice(1) : member, sudoers, users, groups, depth + 1)) {
        if (negated) out.delete(n);
        else out.add(n);
      }
    }
  } else out.add(principal);
  return out;
}
