import { signedPost, type AccessKey } from '../../events/client.js';
import { INGEST_PATH, PUT_EVENTS_ACTION } from '../../events/paths.js';
import { rejected } from '../host-client.js';
import type { EcsDocument } from './alert.js';

export interface ServerSinkOptions {
  readonly server: string;
  /** the host's AccessKey (its RAM user needs bulwark:PutEvents) */
  readonly key: AccessKey;
  /** set as `host.id` and `bulwark.agent_id` of every document */
  readonly hostId: string;
  /** documents per request (default 500) */
  readonly batch?: number;
}

/**
 * Delivers intrusion alerts to a Bulwark server's event ingest (`POST /api/ingest/events`, NDJSON,
 * V3-signed with the host's key). A refusal or an unreachable server rejects, so the detector
 * keeps the alerts and tries again (at least once).
 */
export function serverEventSink(options: ServerSinkOptions): (docs: EcsDocument[]) => Promise<void> {
  const batch = options.batch ?? 500;
  return async (docs) => {
    for (let i = 0; i < docs.length; i += batch) {
      const lines = docs.slice(i, i + batch).map((d) => JSON.stringify({ ...d, host: { ...(d.host as object), id: options.hostId }, bulwark: { ...(d.bulwark as object), agent_id: options.hostId } }));
      const r = await signedPost(options.server, INGEST_PATH, Buffer.from(`${lines.join('\n')}\n`), 'application/x-ndjson', options.key, PUT_EVENTS_ACTION);
      if (r.status < 200 || r.status >= 300) throw rejected(options.server, 'intrusion events', r.status, r.json);
    }
  };
}
