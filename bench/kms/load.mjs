// bench/kms load generator, run as a child process (one per measurement) so that neither server shares
// its event loop with autocannon, and the client's V3 signing runs in the client, as with real SDK
// clients. Argument: one JSON object {url, signed, accessKeyId, accessKeySecret, body, seconds, connections}.
// Answers with one IPC message {rps, p99_ms, non2xx, errors}.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { V3_ALGORITHM, sha256Hex, signV3 } from '../../dist/openapi/signature-v3.js';

const o = JSON.parse(process.argv[2]);
const host = new URL(o.url).host;
const bodyHash = sha256Hex(Buffer.from(o.body));
const signed = (req) => {
  const headers = {
    host,
    'content-type': 'application/x-www-form-urlencoded',
    'x-acs-action': 'Encrypt',
    'x-acs-version': '2016-01-20',
    'x-acs-date': new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    'x-acs-signature-nonce': randomUUID(),
    'x-acs-content-sha256': bodyHash,
  };
  const signedHeaders = Object.keys(headers).sort();
  const signature = signV3({ method: 'POST', path: '/', query: {}, headers, signedHeaders, payloadHash: bodyHash }, o.accessKeySecret);
  return { ...req, method: 'POST', path: '/', body: o.body, headers: { ...headers, authorization: `${V3_ALGORITHM} Credential=${o.accessKeyId},SignedHeaders=${signedHeaders.join(';')},Signature=${signature}` } };
};
const unsigned = (req) => ({ ...req, method: 'POST', path: '/', body: o.body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
const result = await autocannon({ url: o.url, connections: o.connections, duration: o.seconds, pipelining: 1, requests: [{ method: 'POST', setupRequest: o.signed ? signed : unsigned }] });
process.send({ rps: Math.round(result.requests.average), p99_ms: result.latency.p99, non2xx: result.non2xx, errors: result.errors }, () => process.exit(0));
