import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { BulwarkError } from '../core/errors.js';
import { accessKeyFromEnv, RemoteError, type AccessKey } from '../events/client.js';
import { percentEncode } from '../openapi/percent.js';
import { V3_ALGORITHM, sha256Hex, signV3 } from '../openapi/signature-v3.js';

export { accessKeyFromEnv, type AccessKey };

const errorBody = z.object({ Code: z.string(), Message: z.string() }).loose();

/**
 * A minimal KMS 2016-01-20 client: RPC actions as a form body, signed with ACS3-HMAC-SHA256 exactly
 * like the official SDKs (keep-alive connections through fetch). Used by `bulwark kms` and bench/kms.
 */
export class KmsClient {
  private readonly base: URL;

  constructor(
    server: string,
    private readonly key: AccessKey,
  ) {
    try {
      this.base = new URL('/', server);
    } catch {
      throw new BulwarkError('InvalidParameter', { field: '--server', reason: 'expected a URL such as http://127.0.0.1:8080' });
    }
  }

  async call(action: string, params: Readonly<Record<string, string>>): Promise<Record<string, unknown>> {
    const body = Buffer.from(
      Object.entries(params)
        .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
        .join('&'),
      'utf8',
    );
    const headers: Record<string, string> = {
      host: this.base.host,
      'content-type': 'application/x-www-form-urlencoded',
      'x-acs-action': action,
      'x-acs-version': '2016-01-20',
      'x-acs-date': new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      'x-acs-signature-nonce': randomUUID(),
      'x-acs-content-sha256': sha256Hex(body),
      ...(this.key.securityToken ? { 'x-acs-security-token': this.key.securityToken } : {}),
    };
    const signedHeaders = Object.keys(headers).sort();
    const signature = signV3({ method: 'POST', path: '/', query: {}, headers, signedHeaders, payloadHash: headers['x-acs-content-sha256']! }, this.key.accessKeySecret);
    let response: Response;
    try {
      response = await fetch(this.base, { method: 'POST', headers: { ...headers, authorization: `${V3_ALGORITHM} Credential=${this.key.accessKeyId},SignedHeaders=${signedHeaders.join(';')},Signature=${signature}` }, body });
    } catch (e) {
      throw new RemoteError(0, `cannot reach ${this.base.origin}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new RemoteError(response.status, `HTTP ${response.status}: not JSON`);
    }
    if (!response.ok) {
      const err = errorBody.safeParse(json);
      throw new RemoteError(response.status, err.success ? `${err.data.Code}: ${err.data.Message}` : `HTTP ${response.status}`);
    }
    return json as Record<string, unknown>;
  }
}
