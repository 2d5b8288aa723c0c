import type { ResponseAction } from './api.js';

/** Example targets shown in the empty field (not text to translate). */
export const TARGET_PLACEHOLDER: Record<ResponseAction, string> = { block: '203.0.113.9', unblock: '203.0.113.9', kill: '4242', quarantine: '/var/www/html/shell.php', restore: 'q-…' };

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-fA-F:.]{2,45}$/;

/** The translation key of what is wrong with a target for an action, or null when it is acceptable (the server checks again). */
export function targetProblem(action: ResponseAction, target: string): string | null {
  const v = target.trim();
  switch (action) {
    case 'block':
    case 'unblock':
      return IPV4.test(v) || (v.includes(':') && IPV6.test(v)) ? null : 'hosts.response.validation.ip';
    case 'kill':
      return /^[1-9]\d{0,9}$/.test(v) ? null : 'hosts.response.validation.pid';
    case 'quarantine':
      return /^\/.+/.test(v) ? null : 'hosts.response.validation.path';
    case 'restore':
      return /^q-[0-9a-z]{1,16}-[0-9a-f]{8}$/.test(v) ? null : 'hosts.response.validation.quarantineId';
  }
}

/** Block durations offered, in seconds (0 = until unblocked). */
export const BLOCK_DURATIONS = [
  { key: 'm15', seconds: 900 },
  { key: 'h1', seconds: 3600 },
  { key: 'd1', seconds: 86_400 },
  { key: 'permanent', seconds: 0 },
] as const;
