import { collectInventory } from './collectors/collect.js';
import type { Inventory } from './collectors/inventory.js';
import { builtinPolicies } from './baseline/builtin-policies.js';
import { cachedRunner, DEFAULT_COMMAND_LIMITS, type CommandLimits } from './baseline/command-runner.js';
import type { CommandAccess, EvalContext } from './baseline/context.js';
import { evaluatePolicy } from './baseline/evaluator.js';
import { loadPolicyFile, unusableRules, type Policy } from './baseline/policy.js';
import { summarize, type PolicyResult, type Summary } from './baseline/result.js';
import { scanHostVulnerabilities, type HostVulnerabilities } from './vuln/scan-host.js';

/** What `bulwark agent scan --once` runs. */
export interface ScanOptions {
  /** Directory standing in for `/` (default `/`). */
  readonly root?: string;
  /** Policy files to run instead of the built-in ones. */
  readonly policyFiles?: readonly string[];
  /** Policies already loaded (the daemon's, pushed by a server); replaces built-in ones and files. */
  readonly policies?: readonly Policy[];
  /** Whether `c:` rules may run (default true: local policies are the operator's own). */
  readonly allowCommands?: boolean;
  readonly commandLimits?: CommandLimits;
  /** Include the asset inventory (default true). */
  readonly inventory?: boolean;
  /** Vulnerability feed files (OSV, Debian tracker) to match the host's packages against. */
  readonly vulnFeeds?: readonly string[];
}

/** A rule that can never be evaluated here (unsupported regex, Windows registry): reported, not fatal. */
export interface ScanWarning {
  readonly policy: string;
  readonly check: number | string;
  readonly rule: string;
  readonly reason: string;
}

/** The offline scan's report (`--format json`). */
export interface ScanReport {
  readonly root: string;
  readonly os: Inventory['os'];
  readonly policies: readonly PolicyResult[];
  /** Totals over the policies that applied. */
  readonly summary: Summary;
  readonly warnings: readonly ScanWarning[];
  readonly inventory?: Inventory;
  /** With `vulnFeeds`: the host's vulnerable packages. */
  readonly vulnerabilities?: HostVulnerabilities;
}

function commandAccess(options: ScanOptions, root: string): CommandAccess {
  if (options.allowCommands === false) return { allowed: false, reason: 'command rules are not allowed (agent configuration or --no-commands)' };
  return { allowed: true, run: cachedRunner(root, options.commandLimits ?? DEFAULT_COMMAND_LIMITS) };
}

/**
 * Runs one offline scan of the host under `root`: the asset inventory, then every policy (the
 * built-in ones apply themselves through their `requirements` on os-release).
 */
export async function scanOnce(options: ScanOptions = {}): Promise<ScanReport> {
  const root = options.root ?? '/';
  const policies = options.policies ?? (options.policyFiles && options.policyFiles.length > 0 ? options.policyFiles.map(loadPolicyFile) : builtinPolicies());
  const inventory = options.inventory === false ? undefined : await collectInventory({ root });
  const ctx: EvalContext = { root, commands: commandAccess(options, root) };
  const results: PolicyResult[] = [];
  for (const policy of policies) results.push(await evaluatePolicy(policy, ctx));
  const warnings = policies.flatMap((p) => unusableRules(p).map((w) => ({ policy: p.id, ...w })));
  const feeds = options.vulnFeeds ?? [];
  const vulnerabilities = feeds.length > 0 ? await scanHostVulnerabilities(inventory ?? (await collectInventory({ root, only: ['os', 'packages'] })), feeds) : undefined;
  return {
    root,
    os: (inventory ?? (await collectInventory({ root, only: ['os'] }))).os,
    policies: results,
    summary: summarize(results.flatMap((p) => p.checks)),
    warnings,
    ...(inventory ? { inventory } : {}),
    ...(vulnerabilities ? { vulnerabilities } : {}),
  };
}
