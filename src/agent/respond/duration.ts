import { BulwarkError } from '../../core/errors.js';

const UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `90`, `30s`, `15m`, `1h`, `7d`, `1h30m` → seconds; `0` or `permanent` → 0 (no expiry). */
export function parseDuration(text: string, field = '--duration'): number {
  const value = text.trim().toLowerCase();
  if (value === 'permanent' || value === '0') return 0;
  if (/^\d+$/.test(value)) return Number(value);
  const parts = [...value.matchAll(/(\d+)([smhd])/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== value) throw new BulwarkError('InvalidParameter', { field, reason: 'expected a duration such as 30s, 15m, 1h, 7d or permanent' });
  const seconds = parts.reduce((sum, p) => sum + Number(p[1]) * (UNITS[p[2] as string] as number), 0);
  if (seconds > 365 * 86400) throw new BulwarkError('InvalidParameter', { field, reason: 'at most 365 days' });
  return seconds;
}
