import type { Collector } from './collector.js';
import type { CronEntry } from './inventory.js';
import { listDir, readText } from './read.js';

const RUN_PARTS: ReadonlyArray<readonly [string, string]> = [
  ['/etc/cron.hourly', '@hourly'],
  ['/etc/cron.daily', '@daily'],
  ['/etc/cron.weekly', '@weekly'],
  ['/etc/cron.monthly', '@monthly'],
];
const USER_SPOOLS = ['/var/spool/cron/crontabs', '/var/spool/cron'];

/**
 * Parses a crontab. System crontabs (/etc/crontab, /etc/cron.d) carry a user field after the
 * schedule; user crontabs (spool) belong to `owner`. Environment lines (`NAME=value`) are skipped.
 */
export function parseCrontab(text: string, source: string, owner: string | null): CronEntry[] {
  const out: CronEntry[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || /^[A-Za-z_][A-Za-z0-9_]*\s*=/.test(line)) continue;
    const fields = line.split(/\s+/);
    const scheduleLen = fields[0]?.startsWith('@') ? 1 : 5;
    const userLen = owner === null ? 1 : 0;
    if (fields.length <= scheduleLen + userLen) continue;
    const schedule = fields.slice(0, scheduleLen).join(' ');
    const user = owner ?? (fields[scheduleLen] as string);
    const command = fields.slice(scheduleLen + userLen).join(' ');
    out.push({ source, user, schedule, command });
  }
  return out;
}

/** Cron jobs: /etc/crontab, /etc/cron.d, per-user spools, and run-parts folders (cron.daily…). */
export const cronCollector: Collector = {
  name: 'cron',
  sections: ['cron'],
  collect(ctx) {
    const cron: CronEntry[] = [];
    const system = (path: string) => {
      const text = readText(ctx.at(path));
      if (text !== undefined) cron.push(...parseCrontab(text, path, null));
    };
    system('/etc/crontab');
    for (const name of listDir(ctx.at('/etc/cron.d'))) if (!name.startsWith('.') && !name.endsWith('~')) system(`/etc/cron.d/${name}`);
    for (const spool of USER_SPOOLS) {
      for (const user of listDir(ctx.at(spool))) {
        const path = `${spool}/${user}`;
        const text = user === 'crontabs' ? undefined : readText(ctx.at(path));
        if (text !== undefined) cron.push(...parseCrontab(text, path, user));
      }
    }
    for (const [dir, schedule] of RUN_PARTS) {
      for (const name of listDir(ctx.at(dir))) if (!name.startsWith('.') && name !== 'placeholder') cron.push({ source: dir, user: 'root', schedule, command: `${dir}/${name}` });
    }
    return { cron };
  },
};
