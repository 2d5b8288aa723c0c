import type { X509Certificate } from 'node:crypto';
import { CONTINUE, type Decision, type RequestContext, type RequestStage } from '../pipeline.js';

/** HTTP → HTTPS redirect (308 keeps method and body) to the gateway's HTTPS port. */
export function httpsRedirectStage(httpsPortOf: () => number | undefined): RequestStage {
  return {
    name: 'https-redirect',
    kind: 'protocol',
    onRequest(ctx: RequestContext): Decision {
      const httpsPort = httpsPortOf();
      if (ctx.scheme === 'https' || httpsPort === undefined) return CONTINUE;
      const hostname = ctx.host.startsWith('[') ? ctx.host.slice(0, ctx.host.indexOf(']') + 1) : (ctx.host.split(':')[0] ?? '');
      const port = httpsPort === 443 ? '' : `:${httpsPort}`;
      const target = `https://${hostname}${port}${ctx.path}${ctx.query ? `?${ctx.query}` : ''}`;
      return { type: 'respond', status: 308, headers: { location: target, 'content-type': 'text/plain; charset=utf-8' }, body: `Redirecting to ${target}\n` };
    },
  };
}

/** True when the certificate is currently valid and directly issued and signed by one of the CAs. */
export function issuedBy(cert: X509Certificate, cas: readonly X509Certificate[], now = Date.now()): boolean {
  if (now < Date.parse(cert.validFrom) || now > Date.parse(cert.validTo)) return false;
  return cas.some((ca) => cert.checkIssued(ca) && cert.verify(ca.publicKey));
}

/**
 * Per-site mTLS: the listener asks every client for a certificate; this stage verifies it against
 * the site's own CA bundle (certificates issued directly by one of its CAs).
 */
export function clientCertificateStage(cas: readonly X509Certificate[], mode: 'optional' | 'required'): RequestStage {
  return {
    name: 'client-certificate',
    kind: 'protocol',
    onRequest(ctx: RequestContext): Decision {
      const cert = ctx.tls?.peerCertificate;
      const valid = cert !== undefined && issuedBy(cert, cas);
      if (valid) {
        ctx.tags['tls.client.subject'] = cert.subject.replace(/\n/g, ',');
        return CONTINUE;
      }
      if (mode === 'optional' && cert === undefined) return CONTINUE;
      return { type: 'block', status: 403, reason: 'client certificate', ruleId: 'mtls:site' };
    },
  };
}
