import { changedPaths, type PathChange } from '../protection/site-diff.js';
import type { ReputationSettings } from './api.js';

/** Signal types and their default weights (src/reputation/settings.ts `DEFAULT_WEIGHTS`). */
export const DEFAULT_WEIGHTS: Readonly<Record<string, number>> = {
  waf: 2,
  cc: 2,
  probe: 0.5,
  'ssh-failure': 1,
  'ssh-alert': 5,
  'success-after-failure': 10,
  'leaked-credential': 10,
  manual: 10,
};
export const SIGNAL_TYPES = Object.keys(DEFAULT_WEIGHTS);
export const SCENARIOS = ['httpProbing', 'wafAttacks', 'sshBruteforce', 'sshSpraying'] as const;

/**
 * The settings the form produced, as the server takes them: a weight left empty means "the
 * default" and is dropped; crawler suffixes are kept only when given.
 */
export function normalizeSettings(values: ReputationSettings): ReputationSettings {
  const weights = Object.fromEntries(Object.entries(values.weights ?? {}).filter(([, w]) => typeof w === 'number' && Number.isFinite(w)));
  const suffixes = (values.crawlers?.suffixes ?? []).map((s) => s.trim()).filter((s) => s !== '');
  return {
    ...values,
    weights,
    crawlers: { enabled: values.crawlers?.enabled === true, ...(suffixes.length > 0 ? { suffixes } : {}) },
  };
}

/** The settings with every weight filled in (a missing weight is its default), for comparing. */
function effective(values: ReputationSettings): ReputationSettings {
  const n = normalizeSettings(values);
  return { ...n, weights: { ...DEFAULT_WEIGHTS, ...n.weights } };
}

/** The settings that differ between the stored and the edited document ("weights.waf: 2 → 3"). */
export function settingsChanges(before: ReputationSettings, after: ReputationSettings): PathChange[] {
  return changedPaths(effective(before), effective(after));
}
