import { maskSecret } from './mask.js';
import type { Finding, ScanResult, ScanStats } from './scanner.js';

/** A finding as printed: the secret masked, everything else as found. */
export interface FindingView {
  ruleId: string;
  description: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  secret: string;
  entropy: number;
  tags: string[];
  fingerprint: string;
  commit?: string;
  commits?: string[];
  author?: string;
  email?: string;
  date?: string;
  message?: string;
  required?: Array<{ ruleId: string; line: number; column: number; secret: string }>;
}

export function viewOf(f: Finding): FindingView {
  return {
    ruleId: f.ruleId,
    description: f.description,
    file: f.path,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    secret: maskSecret(f.secret),
    entropy: f.entropy,
    tags: f.tags,
    fingerprint: `${f.commit ? `${f.commit}:` : ''}${f.path}:${f.ruleId}:${f.line}`,
    ...(f.commit ? { commit: f.commit } : {}),
    ...(f.commits && f.commits.length > 1 ? { commits: f.commits } : {}),
    ...(f.author !== undefined ? { author: f.author, email: f.email, date: f.date, message: f.message } : {}),
    ...(f.required ? { required: f.required.map((r) => ({ ruleId: r.ruleId, line: r.line, column: r.column, secret: maskSecret(r.secret) })) } : {}),
  };
}

/** `--format json`: one document with the masked findings and the scan's figures. */
export function jsonReport(result: ScanResult): { findings: FindingView[]; stats: ScanStats } {
  return { findings: result.findings.map(viewOf), stats: result.stats };
}

/** `--format sarif`: SARIF 2.1.0, one result per finding, rules described once. */
export function sarifReport(result: ScanResult, version: string): Record<string, unknown> {
  const ruleIds = [...new Set(result.findings.map((f) => f.ruleId))].sort();
  const descriptions = new Map(result.findings.map((f) => [f.ruleId, f.description]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'bulwark-secrets',
            version,
            rules: ruleIds.map((id) => ({ id, name: id, shortDescription: { text: descriptions.get(id) || id }, defaultConfiguration: { level: 'error' } })),
          },
        },
        results: result.findings.map((f) => {
          const v = viewOf(f);
          return {
            ruleId: f.ruleId,
            level: 'error',
            message: { text: `${f.description || f.ruleId} (${v.secret})` },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: f.path },
                  region: { startLine: Math.max(f.line, 1), startColumn: Math.max(f.column, 1), endLine: Math.max(f.endLine, 1) },
                },
              },
            ],
            partialFingerprints: { commitSha: f.commit ?? '', fingerprint: v.fingerprint },
            properties: { secret: v.secret, entropy: f.entropy, tags: f.tags, ...(f.commit ? { commit: f.commit, author: f.author, date: f.date } : {}) },
          };
        }),
      },
    ],
  };
}

function cell(text: string, width: number): string {
  return (text.length > width ? `${text.slice(0, width - 1)}…` : text).padEnd(width);
}

/** `--format table`: one line per finding and a summary line. */
export function tableReport(result: ScanResult): string {
  const git = result.stats.mode === 'git';
  const header = [cell('RULE', 28), cell('FILE:LINE', 44), ...(git ? [cell('COMMIT', 12)] : []), 'SECRET'].join(' ');
  const rows = result.findings.map((f) => [cell(f.ruleId, 28), cell(`${f.path}:${f.line}`, 44), ...(git ? [cell((f.commit ?? '').slice(0, 12), 12)] : []), maskSecret(f.secret)].join(' '));
  const s = result.stats;
  const mb = s.bytes / 1e6;
  const summary = `${result.findings.length} finding(s); scanned ${s.files} ${git ? `blob(s) in ${s.commits ?? 0} commit(s)` : 'file(s)'}, ${mb.toFixed(1)} MB in ${(s.durationMs / 1000).toFixed(2)} s (${s.skipped} skipped, ${s.binary} binary) with ${s.rules} rules on ${s.threads} thread(s)`;
  return [...(rows.length > 0 ? [header, ...rows] : []), summary].join('\n') + '\n';
}
