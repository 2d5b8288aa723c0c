/** `--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it (rules with security-severity). */
import type { CheckMeta, Severity } from '../check.js';
import { findingsOf, type ReportInput } from './findings.js';

const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

function helpText(c: CheckMeta): { text: string; markdown: string } {
  const r = c.remediation;
  const text = [c.rationale, '', `Console: ${r.console}`, ...(r.terraform ? ['', 'Terraform:', r.terraform] : []), ...(r.cli ? ['', `CLI: ${r.cli}`] : [])].join('\n');
  const markdown = [c.rationale, '', `**Console:** ${r.console}`, ...(r.terraform ? ['', '**Terraform:**', '```hcl', r.terraform, '```'] : []), ...(r.cli ? ['', '**CLI:**', '```sh', r.cli, '```'] : [])].join('\n');
  return { text, markdown };
}

export function sarifReport(input: ReportInput): Record<string, unknown> {
  const rules = [...input.checks].sort((a, b) => a.id.localeCompare(b.id));
  const index = new Map(rules.map((c, i) => [c.id, i]));
  const area = (id: string): string => id.split('-')[1]?.toLowerCase() ?? 'general';
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: input.tool.name,
            version: input.tool.version,
            rules: rules.map((c) => ({
              id: c.id,
              name: c.id.replace(/-/g, ''),
              shortDescription: { text: c.title },
              fullDescription: { text: c.rationale },
              help: helpText(c),
              defaultConfiguration: { level: LEVEL[c.severity] },
              properties: { 'security-severity': SECURITY_SEVERITY[c.severity], tags: ['security', c.source, area(c.id), ...c.resourceTypes.slice(0, 3)], precision: 'high', 'problem.severity': LEVEL[c.severity] === 'note' ? 'recommendation' : LEVEL[c.severity] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: `file://${process.cwd().replace(/\/?$/, '/')}` } },
        results: findingsOf(input).map((f) => ({
          ruleId: f.checkId,
          ...(index.has(f.checkId) ? { ruleIndex: index.get(f.checkId) } : {}),
          level: LEVEL[f.severity],
          message: { text: `${f.resource}: ${f.message}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(f.file ?? f.resource), uriBaseId: '%SRCROOT%' },
                ...(f.line !== undefined ? { region: { startLine: f.line } } : {}),
              },
              logicalLocations: [{ name: f.resource, kind: 'resource' }],
            },
          ],
          partialFingerprints: { 'bulwarkFinding/v1': f.fingerprint },
          properties: { severity: f.severity, resourceType: f.resourceType, evidence: f.evidence },
        })),
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: (input.errors ?? []).map((e) => ({
              level: 'error',
              message: { text: e.message },
              descriptor: { id: e.code },
              locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(e.file), uriBaseId: '%SRCROOT%' } } }],
            })),
          },
        ],
      },
    ],
  };
}
