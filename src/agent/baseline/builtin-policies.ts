import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadPolicyFile, type Policy } from './policy.js';

/** Folder of Bulwark's own policies (copied beside the built module by scripts/copy-assets.mjs). */
export const BUILTIN_POLICY_DIR = fileURLToPath(new URL('./policies/', import.meta.url));

let loaded: readonly Policy[] | undefined;

/**
 * Every built-in policy (each decides by its `requirements` whether it applies to a host), read once
 * per process: the daemon scans periodically with the same policies (compiled rules are stateless).
 */
export function builtinPolicies(): readonly Policy[] {
  loaded ??= readdirSync(BUILTIN_POLICY_DIR)
    .filter((f) => f.endsWith('.yml'))
    .sort()
    .map((f) => loadPolicyFile(BUILTIN_POLICY_DIR + f));
  return loaded;
}
