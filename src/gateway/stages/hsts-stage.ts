import type { ResponseStage } from '../pipeline.js';

/** Adds Strict-Transport-Security to HTTPS responses. */
export function hstsStage(maxAgeMs: number, includeSubDomains: boolean, preload: boolean): ResponseStage {
  const value = `max-age=${Math.floor(maxAgeMs / 1000)}${includeSubDomains ? '; includeSubDomains' : ''}${preload ? '; preload' : ''}`;
  return {
    name: 'hsts',
    onResponseHeaders(ctx, response) {
      if (ctx.scheme === 'https') response.headers['strict-transport-security'] = value;
      return { type: 'continue' };
    },
  };
}
