import { Transform } from 'node:stream';
import type { Transaction } from '../waf/transaction.js';
import { attackCategory } from './attack-category.js';
import { CONTINUE, type BodyTransform, type Decision, type RequestContext, type ResponseStage, type UpstreamResponse } from './pipeline.js';

/** The WAF transaction of each request in flight, handed from the request stage to the response stage. */
export type WafTransactions = WeakMap<RequestContext, Transaction>;

function responsePairs(headers: UpstreamResponse['headers']): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) out.push([k, String(one)]);
  }
  return out;
}

/** Records rules matched since the request phase (`waf:<id>`) and the outbound anomaly score. */
function recordMatches(ctx: RequestContext, tx: Transaction): void {
  for (const m of tx.matchedRules()) {
    const id = `waf:${m.id}`;
    if (!ctx.matchedRules.includes(id)) ctx.matchedRules.push(id);
  }
  // the request phase's class stands; a response-only match (data leakage) gets its own
  const category = ctx.tags['waf.category'] ?? attackCategory(tx.matchedRules());
  if (category) ctx.tags['waf.category'] = category;
  const { outbound } = tx.anomalyScores();
  if (outbound > 0) ctx.tags['waf.outbound_score'] = String(outbound);
}

/**
 * CRS phases 3 and 4 (RESPONSE-95x data-leakage rules) in the gateway: the response status and
 * headers go through the same transaction as the request; a text body (SecResponseBodyMimeType) is
 * held up to SecResponseBodyLimit and inspected before anything is sent — in block mode an
 * interruption replaces the response with the block page. Compressed bodies are not inspected.
 */
export function wafResponseStage(transactions: WafTransactions, mode: 'detect' | 'block', limit: number): ResponseStage {
  return {
    name: 'waf-response',
    onResponseHeaders(ctx: RequestContext, response: UpstreamResponse): Decision {
      const tx = transactions.get(ctx);
      if (!tx) return CONTINUE;
      const it = tx.processResponseHeaders(response.status, responsePairs(response.headers));
      recordMatches(ctx, tx);
      if (it && mode === 'block') {
        transactions.delete(ctx);
        return { type: 'block', status: it.status >= 400 && it.status <= 599 ? it.status : 403, reason: 'waf', ruleId: `waf:${it.ruleId}` };
      }
      return CONTINUE;
    },
    transformBody(ctx: RequestContext, response: UpstreamResponse): BodyTransform | undefined {
      const tx = transactions.get(ctx);
      if (!tx) return undefined;
      const encoding = response.headers['content-encoding'];
      if (!tx.wantsResponseBody() || (encoding !== undefined && String(encoding).toLowerCase() !== 'identity')) {
        transactions.delete(ctx);
        return undefined;
      }
      let settle: (v: { action: string }) => void = () => undefined;
      const verdict = new Promise<{ action: string }>((r) => (settle = r));
      const held: Buffer[] = [];
      let size = 0;
      let decided = false;
      const decide = (): void => {
        if (decided) return;
        decided = true;
        transactions.delete(ctx);
        const it = tx.processResponseBody(Buffer.concat(held, size));
        recordMatches(ctx, tx);
        settle({ action: it && mode === 'block' ? 'block' : 'pass' });
      };
      const stream = new Transform({
        transform(chunk: Buffer, _enc, done) {
          if (decided) return done(null, chunk);
          held.push(chunk);
          size += chunk.length;
          if (size < limit) return done();
          // Past the inspection limit: decide on what is held, then let the rest stream.
          decide();
          for (const c of held.splice(0)) this.push(c);
          done();
        },
        flush(done) {
          decide();
          for (const c of held.splice(0)) this.push(c);
          done();
        },
      });
      return Object.assign(stream, { verdict });
    },
  };
}
