import { basename } from 'node:path';
import { intrusionAlert, SEVERITY_SCORE, type EcsDocument } from '../alert.js';
import { extensionOf, type WebshellFinding } from './scanner.js';

/** One ECS alert per file: the most severe rule is `rule.*`, every matching rule is listed with its evidence. */
export function webshellAlert(finding: WebshellFinding, options: { at: number; host?: string }): EcsDocument {
  const matches = [...finding.matches].sort((a, b) => SEVERITY_SCORE[b.rule.severity] - SEVERITY_SCORE[a.rule.severity]);
  const top = matches[0]!.rule;
  const ext = extensionOf(finding.path);
  return intrusionAlert({
    at: options.at,
    message: `Webshell suspected in ${finding.path}: ${matches.map((m) => m.rule.name).join('; ')}`,
    dataset: 'agent.webshell',
    category: 'intrusion_detection',
    type: 'indicator',
    action: 'webshell-detected',
    severity: top.severity,
    rule: { id: top.id, name: top.name, category: 'webshell' },
    technique: top.technique,
    techniqueName: 'Server Software Component: Web Shell',
    ...(options.host !== undefined ? { host: options.host } : {}),
    fields: {
      file: { path: finding.path, name: basename(finding.path), ...(ext ? { extension: ext } : {}), size: finding.size, hash: { sha256: finding.sha256 } },
      bulwark: {
        webshell: {
          matches: matches.map((m) => ({
            rule: m.rule.id,
            severity: m.rule.severity,
            ...(m.strings.length > 0 ? { strings: m.strings } : {}),
            ...(m.regexes.length > 0 ? { matched: m.regexes } : {}),
            ...(m.entropy !== undefined ? { entropy: m.entropy } : {}),
          })),
        },
      },
    },
  });
}
