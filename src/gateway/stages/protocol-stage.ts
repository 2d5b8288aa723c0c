import { CONTINUE, type Decision, type RequestContext, type RequestStage } from '../pipeline.js';

const bad = (reason: string): Decision => ({ type: 'block', status: 400, reason, ruleId: 'protocol:desync' });

/**
 * Request-smuggling defence on top of Node's strict parser (llhttp, which already refuses CL+TE,
 * repeated or malformed Content-Length, bad chunk sizes, obs-fold and invalid header names with
 * `clientError`). This stage re-checks the raw header list so no ambiguous framing can reach an
 * upstream even if the parser were made lenient, and refuses what the parser accepts but a
 * different front/back interpretation could split: repeated Host, Transfer-Encoding on HTTP/1.0.
 */
export function protocolStage(): RequestStage {
  return {
    name: 'protocol',
    kind: 'protocol',
    onRequest(ctx: RequestContext): Decision {
      const raw = ctx.rawHeaders;
      let cl = 0;
      let te = 0;
      let host = 0;
      for (let i = 0; i < raw.length; i += 2) {
        const name = (raw[i] as string).toLowerCase();
        if (name === 'content-length') {
          cl++;
          if (!/^\d+$/.test(raw[i + 1] as string)) return bad('malformed content-length');
        } else if (name === 'transfer-encoding') te++;
        else if (name === 'host') host++;
      }
      if (cl > 1) return bad('repeated content-length');
      if (cl > 0 && te > 0) return bad('content-length with transfer-encoding');
      if (te > 1) return bad('repeated transfer-encoding');
      if (te > 0 && ctx.headers['transfer-encoding']?.toLowerCase() !== 'chunked') return bad('unsupported transfer-encoding');
      if (te > 0 && ctx.httpVersion === '1.0') return bad('transfer-encoding on HTTP/1.0');
      if (host > 1) return bad('repeated host');
      return CONTINUE;
    },
  };
}
