import { basename, extname } from 'node:path';
import { intrusionAlert, type EcsDocument, type Severity } from '../alert.js';
import type { FileChange } from './file-change.js';
import type { FileState } from './file-state.js';

const BINARY_DIRS = /^\/(?:usr\/)?(?:local\/)?s?bin\/|^\/(?:usr\/)?lib(?:64|exec)?\//;
const SPECIAL_BITS = 0o6000;

interface Classification {
  readonly ruleId: string;
  readonly ruleName: string;
  readonly technique: string;
  readonly techniqueName: string;
  readonly severity: Severity;
}

/** MITRE technique and severity of a change, by what changed and where. */
export function classifyChange(change: FileChange, webRoot: boolean): Classification {
  const binary = BINARY_DIRS.test(change.path);
  if (change.kind === 'removed') return { ruleId: 'fim-file-removed', ruleName: 'Monitored file removed', technique: 'T1070.004', techniqueName: 'Indicator Removal: File Deletion', severity: binary ? 'high' : 'medium' };
  const after = change.after!;
  const gainedSpecial = (after.mode & SPECIAL_BITS & ~(change.before?.mode ?? 0)) !== 0;
  if (gainedSpecial) return { ruleId: 'fim-setuid', ruleName: 'File gained the setuid or setgid bit', technique: 'T1548.001', techniqueName: 'Abuse Elevation Control Mechanism: Setuid and Setgid', severity: 'critical' };
  if (change.kind === 'modified' && !change.changed.some((c) => c === 'sha256' || c === 'target' || c === 'type' || c === 'size')) {
    if (change.changed.some((c) => c === 'mode' || c === 'uid' || c === 'gid')) return { ruleId: 'fim-permissions-changed', ruleName: 'File permissions or owner changed', technique: 'T1222.002', techniqueName: 'File and Directory Permissions Modification: Linux and Mac', severity: 'medium' };
    return { ruleId: 'fim-timestamp-changed', ruleName: 'File timestamp changed without content change', technique: 'T1070.006', techniqueName: 'Indicator Removal: Timestomp', severity: 'low' };
  }
  if (binary) return { ruleId: change.kind === 'added' ? 'fim-binary-added' : 'fim-binary-modified', ruleName: change.kind === 'added' ? 'Executable added to a system folder' : 'System executable modified', technique: 'T1554', techniqueName: 'Compromise Host Software Binary', severity: 'high' };
  if (webRoot) return { ruleId: change.kind === 'added' ? 'fim-webroot-added' : 'fim-webroot-modified', ruleName: change.kind === 'added' ? 'File added to a web root' : 'File in a web root modified', technique: 'T1505.003', techniqueName: 'Server Software Component: Web Shell', severity: 'medium' };
  return { ruleId: change.kind === 'added' ? 'fim-file-added' : 'fim-file-modified', ruleName: change.kind === 'added' ? 'File added to a monitored folder' : 'Monitored file modified', technique: 'T1565.001', techniqueName: 'Data Manipulation: Stored Data Manipulation', severity: 'medium' };
}

/** The before/after attributes of a change, as they appear in the event. */
export function describeState(s: FileState | undefined): EcsDocument | undefined {
  if (!s) return undefined;
  return {
    type: s.type,
    ...(s.sha256 ? { sha256: s.sha256 } : {}),
    ...(s.target !== undefined ? { target: s.target } : {}),
    mode: s.mode.toString(8).padStart(4, '0'),
    uid: s.uid,
    gid: s.gid,
    size: s.size,
    mtime: new Date(s.mtimeMs).toISOString(),
    ...(s.note ? { note: s.note } : {}),
  };
}

const VERBS = { added: 'added', removed: 'removed', modified: 'modified' } as const;

/** The ECS alert of one file change (category file; before/after under `bulwark.fim`). */
export function fileChangeAlert(change: FileChange, options: { at: number; webRoot: boolean; host?: string; detectedBy: 'watch' | 'scan' }): EcsDocument {
  const c = classifyChange(change, options.webRoot);
  const current = change.after ?? change.before!;
  const ext = extname(change.path).slice(1);
  return intrusionAlert({
    at: options.at,
    message: `${change.path} ${VERBS[change.kind]}${change.changed.length > 0 ? ` (${change.changed.join(', ')})` : ''}`,
    dataset: 'agent.fim',
    category: 'file',
    type: change.kind === 'added' ? 'creation' : change.kind === 'removed' ? 'deletion' : 'change',
    action: `file-${change.kind}`,
    severity: c.severity,
    rule: { id: c.ruleId, name: c.ruleName, category: 'file-integrity' },
    technique: c.technique,
    techniqueName: c.techniqueName,
    ...(options.host !== undefined ? { host: options.host } : {}),
    fields: {
      file: {
        path: change.path,
        name: basename(change.path),
        ...(ext ? { extension: ext } : {}),
        size: current.size,
        ...(current.sha256 ? { hash: { sha256: current.sha256 } } : {}),
        mode: current.mode.toString(8).padStart(4, '0'),
        uid: String(current.uid),
        gid: String(current.gid),
        mtime: new Date(current.mtimeMs).toISOString(),
        type: current.type,
      },
      bulwark: {
        fim: {
          change: change.kind,
          changed: change.changed,
          detected_by: options.detectedBy,
          ...(change.before ? { before: describeState(change.before) } : {}),
          ...(change.after ? { after: describeState(change.after) } : {}),
        },
      },
    },
  });
}
