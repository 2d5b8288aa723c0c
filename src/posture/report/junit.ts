/** `--format junit`: one testsuite per check, one testcase per evaluated resource. */
import type { CheckResult } from '../check.js';
import { escapeMarkup as x } from './escape.js';
import type { ReportInput } from './findings.js';

function where(r: CheckResult): string {
  return r.resource.file ? `${r.resource.file}${r.resource.line !== undefined ? `:${r.resource.line}` : ''}` : r.resource.id;
}

export function junitReport(input: ReportInput): string {
  const byCheck = new Map<string, CheckResult[]>();
  for (const r of input.results) byCheck.set(r.checkId, [...(byCheck.get(r.checkId) ?? []), r]);
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const c of input.checks) {
    const results = byCheck.get(c.id) ?? [];
    const f = results.filter((r) => r.status === 'fail').length;
    const s = results.filter((r) => r.status === 'not_applicable').length;
    tests += results.length;
    failures += f;
    skipped += s;
    const cases = results.map((r) => {
      const head = `    <testcase classname="${x(c.id)}" name="${x(r.resource.id)}" file="${x(r.resource.file ?? '')}"${r.resource.line !== undefined ? ` line="${r.resource.line}"` : ''}>`;
      if (r.status === 'fail') return `${head}\n      <failure type="${x(c.severity)}" message="${x(r.message)}">${x(`${c.title}\n${where(r)}\n${r.message}\nRemediation: ${c.remediation.console}`)}</failure>\n    </testcase>`;
      if (r.status === 'not_applicable') return `${head}\n      <skipped message="${x(r.message)}"/>\n    </testcase>`;
      return `${head}</testcase>`;
    });
    suites.push(`  <testsuite name="${x(`${c.id} ${c.title}`)}" tests="${results.length}" failures="${f}" errors="0" skipped="${s}">\n${cases.join('\n')}${cases.length ? '\n' : ''}  </testsuite>`);
  }
  const errors = input.errors ?? [];
  if (errors.length > 0) {
    suites.push(`  <testsuite name="scan errors" tests="${errors.length}" failures="0" errors="${errors.length}" skipped="0">\n${errors.map((e) => `    <testcase classname="scan" name="${x(e.file)}">\n      <error type="${x(e.code)}" message="${x(e.message)}"/>\n    </testcase>`).join('\n')}\n  </testsuite>`);
    tests += errors.length;
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${x(input.tool.name)}" tests="${tests}" failures="${failures}" errors="${errors.length}" skipped="${skipped}">\n${suites.join('\n')}\n</testsuites>\n`;
}
