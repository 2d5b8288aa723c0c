import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { compareDebianVersions } from './dpkg.js';

/** `dpkg --compare-versions a lt b` etc.: the reference implementation, when this machine has dpkg. */
function dpkgOrder(a: string, b: string): number {
  if (spawnSync('dpkg', ['--compare-versions', a, 'lt', b]).status === 0) return -1;
  return spawnSync('dpkg', ['--compare-versions', a, 'eq', b]).status === 0 ? 0 : 1;
}

function installedVersions(): string[] {
  try {
    return [...new Set(execFileSync('dpkg-query', ['-W', '-f', '${Version}\n'], { encoding: 'utf8' }).split('\n').filter(Boolean))].sort();
  } catch {
    return [];
  }
}

const versions = installedVersions();
const EXTRA = ['1.0~rc1', '1.0', '1:0.9', '2.0', '1.2.3-1+deb12u1', '1.2.3-1.1', '1.2.3-1+deb12u9', '1.2.3-1+deb12u10', '3.0.11-1~deb12u2', '3.0.14-1~deb12u2', '1.0~~', '1.0~~a', '1.0~', '1.0a', '1.0+', '1.0.'];

if (versions.length === 0) console.warn('[bulwark tests] dpkg-query is not available: the differential dpkg version test is skipped');

describe.runIf(versions.length > 0)('dpkg comparison against dpkg itself', () => {
  // neighbours in text order (close versions) and distant pairs, deterministic
  const pool = [...versions, ...EXTRA];
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < pool.length && pairs.length < 120; i += Math.max(1, Math.floor(pool.length / 120))) pairs.push([pool[i]!, pool[i + 1]!]);
  for (let i = 0; i < EXTRA.length; i++) for (let j = i + 1; j < EXTRA.length; j++) pairs.push([EXTRA[i]!, EXTRA[j]!]);

  it(`agrees with dpkg --compare-versions on ${pairs.length} pairs (installed packages' versions and the rule examples)`, () => {
    const disagreements = pairs.filter(([a, b]) => compareDebianVersions(a, b) !== dpkgOrder(a, b));
    expect(disagreements).toEqual([]);
  }, 120_000);
});
