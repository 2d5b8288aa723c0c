import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { BulwarkError } from '../core/errors.js';
import { V3_ALGORITHM, sha256Hex, signV3 } from '../openapi/signature-v3.js';

export interface AccessKey {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string | undefined;
}

/** Reads BULWARK_ACCESS_KEY_ID / _SECRET (and optional BULWARK_SECURITY_TOKEN). */
export function accessKeyFromEnv(env: NodeJS.ProcessEnv = process.env): AccessKey {
  const id = env.BULWARK_ACCESS_KEY_ID;
  const secret = env.BULWARK_ACCESS_KEY_SECRET;
  if (!id) throw new BulwarkError('MissingParameter', { field: 'BULWARK_ACCESS_KEY_ID' });
  if (!secret) throw new BulwarkError('MissingParameter', { field: 'BULWARK_ACCESS_KEY_SECRET' });
  return { accessKeyId: id, accessKeySecret: secret, securityToken: env.BULWARK_SECURITY_TOKEN || undefined };
}

const errorBody = z.object({ Code: z.string(), Message: z.string() }).passthrough();

export interface SignedRequestInput {
  method: 'GET' | 'POST';
  path: string;
  query?: Readonly<Record<string, string>>;
  body?: Buffer;
  contentType?: string;
  /** Unsigned extra headers (e.g. `if-none-match`). */
  headers?: Readonly<Record<string, string>>;
  signal?: AbortSignal;
}

export interface SignedResponse {
  status: number;
  json: unknown;
  headers: Headers;
}

/** A V3-signed request to a Bulwark server (as gateways, agents and the CLI call its JSON APIs). */
export async function signedRequest(server: string, input: SignedRequestInput, key: AccessKey, action: string): Promise<SignedResponse> {
  let url: URL;
  try {
    url = new URL(input.path, server);
  } catch {
    throw new BulwarkError('InvalidParameter', { field: 'server', reason: 'expected a URL such as http://127.0.0.1:8080' });
  }
  const query = input.query ?? {};
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const body = input.body ?? Buffer.alloc(0);
  const headers: Record<string, string> = {
    host: url.host,
    ...(input.contentType ? { 'content-type': input.contentType } : {}),
    'x-acs-action': action,
    'x-acs-version': '2026-01-01',
    'x-acs-date': new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    'x-acs-signature-nonce': randomUUID(),
    'x-acs-content-sha256': sha256Hex(body),
    ...(key.securityToken ? { 'x-acs-security-token': key.securityToken } : {}),
  };
  const signedHeaders = Object.keys(headers).sort();
  const signature = signV3({ method: input.method, path: url.pathname, query, headers, signedHeaders, payloadHash: headers['x-acs-content-sha256'] as string }, key.accessKeySecret);
  const authorization = `${V3_ALGORITHM} Credential=${key.accessKeyId},SignedHeaders=${signedHeaders.join(';')},Signature=${signature}`;
  let response: Response;
  try {
    const sent = { ...headers, ...input.headers, authorization };
    const signal = input.signal ?? null;
    response = input.method === 'POST' ? await fetch(url, { method: 'POST', headers: sent, body: new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength), signal }) : await fetch(url, { method: 'GET', headers: sent, signal });
  } catch (e) {
    if (input.signal?.aborted) throw e;
    throw new BulwarkError('Storage.Unavailable', { reason: `cannot reach ${url.origin}: ${e instanceof Error ? e.message : String(e)}` });
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text.length === 0 ? {} : JSON.parse(text);
  } catch {
    json = { Code: 'InternalError', Message: text.slice(0, 200) };
  }
  return { status: response.status, json, headers: response.headers };
}

/** A V3-signed POST of `body` to a Bulwark server. */
export function signedPost(server: string, path: string, body: Buffer, contentType: string, key: AccessKey, action: string): Promise<SignedResponse> {
  return signedRequest(server, { method: 'POST', path, body, contentType }, key, action);
}

/** Throws the server's coded error as a local one when the status is not 2xx. */
export function expectOk(result: { status: number; json: unknown }): unknown {
  if (result.status >= 200 && result.status < 300) return result.json;
  const parsed = errorBody.safeParse(result.json);
  const message = parsed.success ? `${parsed.data.Code}: ${parsed.data.Message}` : `HTTP ${result.status}`;
  throw new RemoteError(result.status, message);
}

/** A failure reported by the server (printed as is by the CLI). */
export class RemoteError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'RemoteError';
  }
}
