import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { percentEncode } from '../percent.js';
import { signV1 } from '../signature-v1.js';

export interface AccessKey {
  accessKeyId: string;
  accessKeySecret: string;
}

export interface RpcResult {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Calls an RPC action in-process, signed with signature V1 (HMAC-SHA1) exactly as the V1 SDKs do:
 * common parameters, a fresh nonce and the current time, sent as a POST form body.
 */
export async function callRpc(app: FastifyInstance, key: AccessKey, action: string, params: Readonly<Record<string, string>> = {}, options: { version?: string; timestamp?: Date } = {}): Promise<RpcResult> {
  const all: Record<string, string> = {
    Action: action,
    Version: options.version ?? '2015-05-01',
    Format: 'JSON',
    AccessKeyId: key.accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: randomUUID(),
    Timestamp: (options.timestamp ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    ...params,
  };
  all.Signature = signV1('POST', all, key.accessKeySecret);
  const payload = Object.entries(all)
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
    .join('&');
  const res = await app.inject({ method: 'POST', url: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> };
}

/** A client bound to one AccessKey; `ok` throws with the error body when the call fails. */
export function signedClient(app: FastifyInstance, key: AccessKey) {
  return {
    call: (action: string, params: Readonly<Record<string, string>> = {}) => callRpc(app, key, action, params),
    async ok(action: string, params: Readonly<Record<string, string>> = {}): Promise<Record<string, unknown>> {
      const r = await callRpc(app, key, action, params);
      if (r.status !== 200) throw new Error(`${action} failed with ${r.status}: ${JSON.stringify(r.body)}`);
      return r.body;
    },
  };
}
export type SignedClient = ReturnType<typeof signedClient>;
