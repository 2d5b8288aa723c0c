import { lstatSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { contentMatches, type ContentPattern } from '../content.js';
import type { EvalContext } from '../context.js';
import { anyOf, FOUND, invalid, NOT_FOUND, outcomeOf, type RuleOutcome } from '../outcome.js';
import { expandPaths, type RootedPath } from '../paths.js';
import { readTextOnce } from '../read-text.js';
import type { Rule } from '../rule.js';

/** A directory walk stops after this many entries (a policy looks at configuration directories). */
const MAX_ENTRIES = 50_000;

function isDirectory(real: string): boolean {
  try {
    return statSync(real).isDirectory();
  } catch {
    return false;
  }
}

/** Regular files under a directory, recursively, not following symbolic links (as Wazuh). */
function filesUnder(dir: RootedPath): RootedPath[] {
  const files: RootedPath[] = [];
  const stack = [dir];
  let seen = 0;
  while (stack.length > 0 && seen < MAX_ENTRIES) {
    const current = stack.pop()!;
    let names: string[];
    try {
      names = readdirSync(current.real).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      if (++seen > MAX_ENTRIES) break;
      const entry = { shown: `${current.shown.replace(/\/$/, '')}/${name}`, real: join(current.real, name) };
      try {
        const st = lstatSync(entry.real);
        if (st.isDirectory()) stack.push(entry);
        else if (st.isFile()) files.push(entry);
      } catch {
        // vanished while walking
      }
    }
  }
  return files;
}

function fileNameOf(path: RootedPath): string {
  return path.shown.slice(path.shown.lastIndexOf('/') + 1);
}

function inDirectory(ctx: EvalContext, dir: RootedPath, fileName: ContentPattern, content: ContentPattern | undefined): RuleOutcome {
  const matching = filesUnder(dir).filter((f) => contentMatches(fileNameOf(f), fileName));
  if (!content) return outcomeOf(matching.length > 0);
  const outcomes = matching.map((f) => {
    const read = readTextOnce(ctx, f.real);
    return 'error' in read ? invalid(`cannot read ${f.shown} (${read.error})`) : outcomeOf(contentMatches(read.text, content));
  });
  return anyOf(outcomes, NOT_FOUND);
}

/**
 * `d:DIR` — the directory exists. `d:DIR -> NAME` or `-> r:REGEX` — some file under it (recursively)
 * has that name. `d:DIR -> NAME_TEST -> CONTENT` — some such file has a line satisfying the content
 * test. A missing directory makes a test of its files not applicable. `DIR/*` means the directory.
 */
export function evaluateDirectoryRule(rule: Rule, ctx: EvalContext): RuleOutcome {
  const dirs = expandPaths(ctx.root, rule.target.replace(/\/\*$/, ''));
  const { fileName, content } = rule;
  if (!fileName) return anyOf(dirs.map((d) => (isDirectory(d.real) ? FOUND : NOT_FOUND)), NOT_FOUND);
  return anyOf(
    dirs.map((d) => (isDirectory(d.real) ? inDirectory(ctx, d, fileName, content) : invalid(`${d.shown} is not a directory`))),
    invalid(`no directory matches ${rule.target}`),
  );
}
