/**
 * CVSS v3.0/v3.1 base score from a vector string (`CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H`),
 * computed with the specification's formulas. Returns null for anything else (v2, v4, malformed).
 */
const AV: Record<string, number> = { N: 0.85, A: 0.62, L: 0.55, P: 0.2 };
const AC: Record<string, number> = { L: 0.77, H: 0.44 };
const PR_UNCHANGED: Record<string, number> = { N: 0.85, L: 0.62, H: 0.27 };
const PR_CHANGED: Record<string, number> = { N: 0.85, L: 0.68, H: 0.5 };
const UI: Record<string, number> = { N: 0.85, R: 0.62 };
const CIA: Record<string, number> = { H: 0.56, L: 0.22, N: 0 };
const BASE_METRICS = ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'] as const;

/** CVSS 3.1 Roundup: the smallest number with one decimal that is >= the input (float-safe). */
function roundUp31(value: number): number {
  const scaled = Math.round(value * 100_000);
  return scaled % 10_000 === 0 ? scaled / 100_000 : (Math.floor(scaled / 10_000) + 1) / 10;
}

const roundUp30 = (value: number): number => Math.ceil(value * 10) / 10;

export function cvss3BaseScore(vector: string): number | null {
  const parts = vector.trim().split('/');
  const version = /^CVSS:(3\.[01])$/.exec(parts[0] ?? '')?.[1];
  if (!version) return null;
  const metrics = new Map<string, string>();
  for (const part of parts.slice(1)) {
    const [name, value] = part.split(':');
    if (!name || value === undefined || metrics.has(name)) return null;
    metrics.set(name, value);
  }
  if (!BASE_METRICS.every((m) => metrics.has(m))) return null;
  const scope = metrics.get('S');
  if (scope !== 'U' && scope !== 'C') return null;
  const av = AV[metrics.get('AV')!];
  const ac = AC[metrics.get('AC')!];
  const pr = (scope === 'C' ? PR_CHANGED : PR_UNCHANGED)[metrics.get('PR')!];
  const ui = UI[metrics.get('UI')!];
  const c = CIA[metrics.get('C')!];
  const i = CIA[metrics.get('I')!];
  const a = CIA[metrics.get('A')!];
  if (av === undefined || ac === undefined || pr === undefined || ui === undefined || c === undefined || i === undefined || a === undefined) return null;
  const iss = 1 - (1 - c) * (1 - i) * (1 - a);
  const impact = scope === 'U' ? 6.42 * iss : 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15;
  const exploitability = 8.22 * av * ac * pr * ui;
  if (impact <= 0) return 0;
  const roundUp = version === '3.1' ? roundUp31 : roundUp30;
  return scope === 'U' ? roundUp(Math.min(impact + exploitability, 10)) : roundUp(Math.min(1.08 * (impact + exploitability), 10));
}
