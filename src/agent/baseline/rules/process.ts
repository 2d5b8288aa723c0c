import { readdirSync, readFileSync } from 'node:fs';
import type { EvalContext } from '../context.js';
import { invalid, outcomeOf, type RuleOutcome } from '../outcome.js';
import { underRoot } from '../paths.js';
import type { Rule } from '../rule.js';

/** Names of running processes under `<root>/proc`: each one's `comm` and the base name of its argv[0]. */
export function readProcessNames(root: string): ReadonlySet<string> | string {
  const proc = underRoot(root, '/proc').real;
  let pids: string[];
  try {
    pids = readdirSync(proc).filter((n) => /^\d+$/.test(n));
  } catch (e) {
    return `cannot list processes in ${proc} (${(e as NodeJS.ErrnoException).code ?? 'error'})`;
  }
  const names = new Set<string>();
  for (const pid of pids) {
    try {
      names.add(readFileSync(`${proc}/${pid}/comm`, 'utf8').trim());
    } catch {
      // exited meanwhile, or not readable
    }
    try {
      const argv0 = readFileSync(`${proc}/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
      if (argv0 !== '') names.add(argv0.slice(argv0.lastIndexOf('/') + 1).split(' ')[0]!.replace(/:$/, ''));
    } catch {
      // kernel threads have no command line
    }
  }
  return names;
}

/** `p:NAME`: found when a process of that name runs (its comm, or the base name of its argv[0]). */
export function evaluateProcessRule(rule: Rule, ctx: EvalContext): RuleOutcome {
  ctx.processes ??= readProcessNames(ctx.root);
  if (typeof ctx.processes === 'string') return invalid(ctx.processes);
  return outcomeOf(ctx.processes.has(rule.target));
}
