import { z } from 'zod';

/** Signal types the reputation service scores (see docs/reputation.md for where each comes from). */
export const SIGNAL_TYPES = ['waf', 'cc', 'probe', 'ssh-failure', 'ssh-alert', 'success-after-failure', 'leaked-credential', 'manual'] as const;
export type SignalType = (typeof SIGNAL_TYPES)[number];

const scenario = z.object({ capacity: z.number().int().min(1).max(10_000), leakSeconds: z.number().positive().max(86_400) }).strict();

/** Per-account reputation settings; every field has a safe default. */
export const reputationSettings = z
  .object({
    /** Score each signal adds (before decay). */
    weights: z
      .object(Object.fromEntries(SIGNAL_TYPES.map((t) => [t, z.number().min(0).max(1000).optional()])) as Record<SignalType, z.ZodOptional<z.ZodNumber>>)
      .strict()
      .default({}),
    /** Scores halve every this many seconds without new signals. */
    halfLifeSeconds: z.number().positive().max(30 * 86_400).default(3600),
    /** Score at which an address is banned, and at which a `log` decision is recorded. */
    banScore: z.number().positive().default(10),
    logScore: z.number().positive().default(5),
    /** First ban length; each repeat offence multiplies it by `repeatFactor`, up to `maxBanSeconds`. */
    banSeconds: z.number().int().min(1).max(365 * 86_400).default(4 * 3600),
    repeatFactor: z.number().min(1).max(100).default(2),
    maxBanSeconds: z.number().int().min(1).max(365 * 86_400).default(7 * 86_400),
    /** Search-engine crawlers verified by forward-confirmed reverse DNS are never banned automatically (off by default: it makes DNS queries). */
    crawlers: z
      .object({ enabled: z.boolean().default(false), suffixes: z.array(z.string().regex(/^\.[a-z0-9.-]+$/, 'expected a DNS suffix such as .googlebot.com')).max(100).optional() })
      .strict()
      .default({ enabled: false }),
    /** Leaky-bucket scenarios: an overflow bans at once. */
    scenarios: z
      .object({
        httpProbing: scenario.default({ capacity: 20, leakSeconds: 10 }),
        wafAttacks: scenario.default({ capacity: 5, leakSeconds: 60 }),
        sshBruteforce: scenario.default({ capacity: 10, leakSeconds: 30 }),
        sshSpraying: scenario.default({ capacity: 5, leakSeconds: 60 }),
      })
      .strict()
      .default({ httpProbing: { capacity: 20, leakSeconds: 10 }, wafAttacks: { capacity: 5, leakSeconds: 60 }, sshBruteforce: { capacity: 10, leakSeconds: 30 }, sshSpraying: { capacity: 5, leakSeconds: 60 } }),
  })
  .strict();

export type ReputationSettings = z.output<typeof reputationSettings>;

export const DEFAULT_WEIGHTS: Readonly<Record<SignalType, number>> = {
  waf: 2,
  cc: 2,
  probe: 0.5,
  'ssh-failure': 1,
  'ssh-alert': 5,
  'success-after-failure': 10,
  'leaked-credential': 10,
  manual: 10,
};

export function weightOf(settings: ReputationSettings, type: SignalType): number {
  return settings.weights[type] ?? DEFAULT_WEIGHTS[type];
}
