import { findingsOf, summaryOf, type ReportInput } from './findings.js';

/** `--format json`: one document with the summary, the findings and the scan errors. */
export function jsonReport(input: ReportInput): Record<string, unknown> {
  const findings = findingsOf(input);
  return {
    tool: input.tool,
    ...(input.scanned ? { scanned: input.scanned } : {}),
    summary: summaryOf(input, findings),
    findings,
    errors: input.errors ?? [],
  };
}
