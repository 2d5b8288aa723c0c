import { z } from 'zod';

const upstreamStatus = z
  .object({
    url: z.string().min(1).max(2048),
    /** Absent while a cluster primary has not gathered its workers' health yet (see docs/gateway.md). */
    healthy: z.boolean().optional(),
    ejected: z.boolean().optional(),
    inFlight: z.number().int().min(0).max(1_000_000_000).optional(),
  })
  .strict();

/** One managed gateway's status report: what it listens on and how its upstreams are doing. */
export const gatewayStatusReport = z
  .object({
    /** Stable for the life of the gateway process (hostname + random suffix, generated at start). */
    gatewayId: z.string().min(1).max(128).regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only'),
    version: z.string().min(1).max(64),
    /** `reported`: upstream health below is the gateway's view; `unknown`: not gathered yet (cluster primary). */
    health: z.enum(['reported', 'unknown']).default('reported'),
    listeners: z.array(z.object({ address: z.string().min(1).max(256), tls: z.boolean(), http2: z.boolean() }).strict()).max(64),
    sites: z.array(z.object({ name: z.string().min(1).max(64), upstreams: z.array(upstreamStatus).max(256) }).strict()).max(2000),
  })
  .strict();

export type GatewayStatusReport = z.infer<typeof gatewayStatusReport>;

/** A gateway as the console lists it: its last report, when it was seen, and whether it is online. */
export interface GatewayView extends GatewayStatusReport {
  lastSeen: string;
  online: boolean;
}
