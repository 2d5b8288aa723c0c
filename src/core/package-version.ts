import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** The version of this Bulwark package (from its package.json; the same from src/ and dist/). */
export function packageVersion(): string {
  cached ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cached;
}
