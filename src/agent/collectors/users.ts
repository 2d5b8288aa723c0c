import type { Collector } from './collector.js';
import type { HostUser } from './inventory.js';
import { groupsOf, parseShadow, passwdOf } from './passwd.js';
import { readText } from './read.js';
import { expandPrincipal, readSudoers } from './sudoers.js';

/** Users (passwd + shadow lock state), groups, and the sudoers rules that apply to them. */
export const usersCollector: Collector = {
  name: 'users',
  sections: ['users', 'groups', 'sudoers'],
  collect(ctx) {
    const passwd = passwdOf(ctx);
    const groups = groupsOf(ctx);
    const shadowText = readText(ctx.at('/etc/shadow'));
    const shadow = shadowText === undefined ? undefined : parseShadow(shadowText);
    const sudoers = readSudoers(ctx);
    const sudoUsers = new Set<string>();
    for (const rule of sudoers.rules) for (const name of expandPrincipal(rule.principal, sudoers, passwd, groups)) sudoUsers.add(name);
    const users: HostUser[] = passwd.map((u) => ({ ...u, password: shadow ? (shadow.get(u.name) ?? 'unknown') : 'unknown', sudo: sudoUsers.has(u.name) }));
    return { users, groups, sudoers: sudoers.rules };
  },
};
