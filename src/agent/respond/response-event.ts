import { hostname } from 'node:os';
import type { EcsDocument } from '../intrusion/alert.js';
import type { LoggedAction } from './action-log.js';

/** The ECS field an action's target goes to. */
function targetFields(a: LoggedAction): EcsDocument {
  switch (a.action) {
    case 'block':
    case 'unblock':
      return { source: { ip: a.target } };
    case 'kill':
      return { process: { pid: Number(a.target), ...(typeof a.details.name === 'string' ? { name: a.details.name } : {}), ...(typeof a.details.commandLine === 'string' ? { command_line: a.details.commandLine } : {}) } };
    case 'quarantine':
      return { file: { path: a.target, ...(typeof a.details.sha256 === 'string' ? { hash: { sha256: a.details.sha256 } } : {}) } };
    case 'restore':
      return { file: { path: String(a.details.path ?? '') } };
  }
}

/**
 * A response action as an ECS event (`event.dataset: agent.response`), so the server's event store
 * and audit views show what was done on the host, by whom (`user.name`: the CLI user or
 * `policy:<rule>`), and how to undo it (`extra.response.undo`).
 */
export function responseEvent(a: LoggedAction, host = hostname()): EcsDocument {
  return {
    '@timestamp': a.at,
    message: `${a.action} ${a.target}: ${a.outcome}`,
    event: { kind: 'event', category: 'intrusion_detection', type: 'change', action: `response-${a.action}`, outcome: a.outcome === 'done' ? 'success' : 'unknown', module: 'agent', dataset: 'agent.response' },
    host: { name: host },
    observer: { type: 'agent' },
    user: { name: a.actor },
    bulwark: { action: a.action },
    ...targetFields(a),
    extra: { response: { id: a.id, undo: a.undo, details: a.details } },
  };
}
