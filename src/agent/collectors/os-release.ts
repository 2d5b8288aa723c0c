import type { Collector } from './collector.js';
import type { OsRelease } from './inventory.js';
import { parseEnvFile, readText } from './read.js';

/** Parses os-release(5) text. */
export function parseOsRelease(text: string): OsRelease {
  const v = parseEnvFile(text);
  const get = (k: string) => v.get(k) ?? '';
  return {
    id: get('ID') || 'linux',
    name: get('NAME') || 'Linux',
    version: get('VERSION'),
    versionId: get('VERSION_ID'),
    versionCodename: get('VERSION_CODENAME'),
    prettyName: get('PRETTY_NAME') || get('NAME') || 'Linux',
    idLike: get('ID_LIKE').split(/\s+/).filter(Boolean),
  };
}

/** OS release from /etc/os-release (falling back to /usr/lib/os-release). */
export const osReleaseCollector: Collector = {
  name: 'os',
  sections: ['os'],
  collect(ctx) {
    const text = readText(ctx.at('/etc/os-release')) ?? readText(ctx.at('/usr/lib/os-release'));
    return { os: text === undefined ? null : parseOsRelease(text) };
  },
};
