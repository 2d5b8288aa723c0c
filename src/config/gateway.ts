import { isIP } from 'node:net';
import { z } from 'zod';
import { exclusionSchema } from '../waf/waf.js';
import { dlpConfig } from '../gateway/dlp/config.js';
import { listenAddress, logLevel, redisUrl } from './common.js';

/**
 * `bulwark gateway --config FILE`: the standalone gateway (reverse proxy + access control + anti-CC).
 * Durations are strings with a unit (`500ms`, `10s`, `5m`, `1h`) or a number of milliseconds;
 * sizes are strings with a unit (`512b`, `16kb`, `10mb`) or a number of bytes. The full schema is
 * documented in docs/gateway.md.
 */

const DURATION_UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const SIZE_UNITS: Readonly<Record<string, number>> = { b: 1, kb: 1024, mb: 1024 * 1024, gb: 1024 * 1024 * 1024 };

/** `10s` → 10000 (milliseconds). */
export const duration = z.union([
  z.number().int().min(0),
  z
    .string()
    .regex(/^\d+(ms|s|m|h)$/, 'expected a duration such as 500ms, 10s, 5m or 1h')
    .transform((v) => {
      const unit = /(ms|s|m|h)$/.exec(v)?.[1] ?? 'ms';
      return Number.parseInt(v, 10) * (DURATION_UNITS[unit] ?? 1);
    }),
]);

/** `16kb` → 16384 (bytes). */
export const byteSize = z.union([
  z.number().int().min(0),
  z
    .string()
    .regex(/^\d+(b|kb|mb|gb)$/i, 'expected a size such as 512b, 16kb or 10mb')
    .transform((v) => {
      const unit = (/(b|kb|mb|gb)$/i.exec(v)?.[1] ?? 'b').toLowerCase();
      return Number.parseInt(v, 10) * (SIZE_UNITS[unit] ?? 1);
    }),
]);

/** An IPv4/IPv6 address or CIDR block (`203.0.113.0/24`, `2001:db8::/32`, `10.0.0.1`). */
export const cidr = z.string().refine((v) => {
  const slash = v.indexOf('/');
  const address = slash < 0 ? v : v.slice(0, slash);
  const family = isIP(address);
  if (family === 0) return false;
  if (slash < 0) return true;
  const bits = v.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}, 'expected an IP address or CIDR block such as 203.0.113.0/24 or 2001:db8::/32');

export const ipAccessList = z
  .object({
    allow: z.array(cidr).default([]),
    deny: z.array(cidr).default([]),
  })
  .strict();

const hostPattern = z
  .string()
  .regex(/^(\*|\*\.[A-Za-z0-9.-]+|[A-Za-z0-9.-]+|\[[0-9a-fA-F:.]+\])$/, 'expected "*", an exact host name or "*.example.com"');

const tlsCertificate = z.object({ cert: z.string().min(1, 'expected a PEM file path'), key: z.string().min(1, 'expected a PEM file path') }).strict();

const clientAuth = z.enum(['none', 'optional', 'required']);

/** A certificate uploaded to the server (`bulwark:PutCertificate`), referenced by a managed site by name. */
export const CERTIFICATE_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const managedCertificate = z.object({ certificate: z.string().regex(CERTIFICATE_NAME, 'expected a certificate name of letters, digits, _ . -') }).strict();
/** The PEM text itself: how the server hands a managed certificate to its gateways (never stored in a site document). */
const inlineCertificate = z.object({ certPem: z.string().includes('-----BEGIN', { message: 'expected PEM text' }), keyPem: z.string().includes('-----BEGIN', { message: 'expected PEM text' }) }).strict();
/** A site certificate: PEM files on the gateway host, a managed certificate by name, or (from the server) inline PEM. */
export const siteCertificate = z.union([tlsCertificate, managedCertificate, inlineCertificate]);

export const listenerConfig = z
  .object({
    address: listenAddress,
    tls: tlsCertificate
      .extend({
        clientCa: z.string().min(1).optional(),
        clientAuth: clientAuth.default('none'),
        minVersion: z.enum(['TLSv1.2', 'TLSv1.3']).default('TLSv1.2'),
        /** Offer HTTP/2 by ALPN (`h2`, then `http/1.1` for older clients). */
        http2: z.boolean().default(false),
      })
      .strict()
      .refine((t) => t.clientAuth === 'none' || t.clientCa !== undefined, { message: 'clientAuth needs clientCa', path: ['clientCa'] })
      .optional(),
  })
  .strict();

const stringMatchShape = {
  equals: z.string().optional(),
  prefix: z.string().optional(),
  contains: z.string().optional(),
  regex: z.string().optional(),
  present: z.boolean().optional(),
};
const exactlyOne = (m: { equals?: string | undefined; prefix?: string | undefined; contains?: string | undefined; regex?: string | undefined; present?: boolean | undefined }): boolean =>
  [m.equals, m.prefix, m.contains, m.regex, m.present].filter((v) => v !== undefined).length === 1;
const ONE_OF = 'expected exactly one of equals, prefix, contains, regex, present';

/** How a string is matched: exactly one of equals / prefix / contains / regex (RE2 syntax) / present. */
const stringMatch = z.object(stringMatchShape).strict().refine(exactlyOne, ONE_OF);
/** A string match on a named query argument, header or cookie. */
const namedMatch = z.object({ name: z.string().min(1), ...stringMatchShape }).strict().refine(exactlyOne, ONE_OF);

export const accessRuleConfig = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'expected an id of letters, digits, _ . : -'),
    priority: z.number().int().default(100),
    action: z.enum(['allow', 'block', 'log']),
    /** All conditions must hold (AND); a rule without conditions matches every request. */
    when: z
      .object({
        method: z.array(z.string().regex(/^[A-Z]+$/, 'expected upper-case HTTP methods')).min(1).optional(),
        path: stringMatch.optional(),
        query: z.array(namedMatch).optional(),
        header: z.array(namedMatch).optional(),
        cookie: z.array(namedMatch).optional(),
        userAgent: stringMatch.optional(),
        referer: stringMatch.optional(),
        ip: z.array(cidr).optional(),
        bodySize: z.object({ gt: z.number().int().min(0).optional(), lt: z.number().int().min(0).optional() }).strict().optional(),
      })
      .strict()
      .default({}),
    status: z.number().int().min(400).max(599).default(403),
  })
  .strict();

export const rateLimitConfig = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/).optional(),
    key: z.enum(['ip', 'ip_path', 'header']),
    header: z.string().min(1).optional(),
    /** Only requests whose path starts with this prefix count. */
    pathPrefix: z.string().startsWith('/').optional(),
    limit: z.number().int().min(1).max(1_000_000),
    window: duration.refine((v) => v >= 100, 'window must be at least 100ms'),
    /** After exceeding the limit the key stays blocked this long (0 = only until the window frees up). */
    block: duration.default(0),
  })
  .strict()
  .refine((r) => r.key !== 'header' || r.header !== undefined, { message: 'key "header" needs a header name', path: ['header'] });

const upstreamConfig = z.union([
  z.string().regex(/^https?:\/\/[^/\s]+\/?$/, 'expected an origin URL such as http://127.0.0.1:8001'),
  z
    .object({
      url: z.string().regex(/^https?:\/\/[^/\s]+\/?$/, 'expected an origin URL such as http://127.0.0.1:8001'),
      weight: z.number().int().min(1).max(1000).default(1),
    })
    .strict(),
]);

export const siteConfig = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'expected a name of letters, digits, _ . -'),
    hosts: z.array(hostPattern).min(1).default(['*']),
    upstreams: z.array(upstreamConfig).min(1, 'a site needs at least one upstream'),
    balance: z.enum(['round_robin', 'least_conn', 'weighted']).default('round_robin'),
    healthCheck: z
      .object({
        path: z.string().startsWith('/').default('/'),
        interval: duration.default(5000),
        timeout: duration.default(2000),
        unhealthyThreshold: z.number().int().min(1).default(2),
        healthyThreshold: z.number().int().min(1).default(1),
      })
      .strict()
      .optional(),
    passive: z.object({ maxFails: z.number().int().min(1).default(3), ejectFor: duration.default(10_000) }).strict().default({ maxFails: 3, ejectFor: 10_000 }),
    /** Extra attempts on other upstreams for idempotent requests whose upstream failed before answering. */
    retries: z.number().int().min(0).max(5).default(1),
    timeouts: z
      .object({ connect: duration.default(5000), response: duration.default(30_000) })
      .strict()
      .default({ connect: 5000, response: 30_000 }),
    maxBodySize: byteSize.default(10 * 1024 * 1024),
    acl: ipAccessList.default({ allow: [], deny: [] }),
    rules: z.array(accessRuleConfig).default([]),
    rateLimits: z.array(rateLimitConfig).default([]),
    waf: z
      .object({
        mode: z.enum(['off', 'detect', 'block']).default('off'),
        /** OWASP CRS folder (rules/ + crs-setup.conf[.example]); relative to the config file. */
        crsDir: z.string().min(1).optional(),
        /** Same as crsDir (the spelling of the WAF issue and docs/waf.md). */
        crs: z.string().min(1).optional(),
        paranoia: z.number().int().min(1).max(4).default(1),
        /** CRS anomaly-score thresholds that block. */
        thresholds: z.object({ inbound: z.number().int().positive().default(5), outbound: z.number().int().positive().default(4) }).strict().default({ inbound: 5, outbound: 4 }),
        /** Rule exclusions: `{ id }` / `{ tag }`, optionally only for one `target` such as `ARGS:password`. */
        exclusions: z.array(exclusionSchema).default([]),
        /** Extra SecLang lines (SecRule …) for this site. */
        rules: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .default({ mode: 'off', paranoia: 1, rules: [], thresholds: { inbound: 5, outbound: 4 }, exclusions: [] }),
    tls: z
      .object({
        certificates: z.array(siteCertificate).default([]),
        clientCa: z.string().min(1).optional(),
        clientAuth: clientAuth.default('none'),
      })
      .strict()
      .refine((t) => t.clientAuth === 'none' || t.clientCa !== undefined, { message: 'clientAuth needs clientCa', path: ['clientCa'] })
      .optional(),
    httpsRedirect: z.boolean().default(false),
    hsts: z
      .object({ maxAge: duration.default(31_536_000_000), includeSubDomains: z.boolean().default(false), preload: z.boolean().default(false) })
      .strict()
      .optional(),
    /** Response data-loss prevention (masking/blocking personal data and secrets); see docs/dlp.md. */
    dlp: dlpConfig.optional(),
    wordpress: z.object({ blockPingback: z.boolean().default(true) }).strict().default({ blockPingback: true }),
    originSigning: z
      .object({
        header: z.string().regex(/^[A-Za-z0-9-]+$/).default('X-Bulwark-Signature'),
        secret: z.string().min(16, 'secret must be at least 16 characters').optional(),
        secretEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/).optional(),
      })
      .strict()
      .refine((o) => (o.secret === undefined) !== (o.secretEnv === undefined), 'expected exactly one of secret, secretEnv')
      .optional(),
    preserveHost: z.boolean().default(true),
  })
  .strict();

const gatewayFields = {
  /** node:cluster workers; 1 = single process; default = CPU count. */
  workers: z.number().int().min(1).max(256).optional(),
  listen: z.array(listenerConfig).min(1, 'at least one listener is needed'),
  /** Proxies whose X-Forwarded-For is believed when finding the client IP. */
  trustedProxies: z.array(cidr).default([]),
  acl: ipAccessList.default({ allow: [], deny: [] }),
  /** Addresses banned by reputation decisions (a managed gateway gets them from the server); refused with 403 before any other check. */
  bans: z.array(cidr).default([]),
  limits: z
    .object({
      headersTimeout: duration.default(10_000),
      requestTimeout: duration.default(30_000),
      keepAliveTimeout: duration.default(5000),
      maxHeaderSize: byteSize.default(16 * 1024),
      maxConnectionsPerIp: z.number().int().min(1).default(256),
    })
    .strict()
    .default({ headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5000, maxHeaderSize: 16 * 1024, maxConnectionsPerIp: 256 }),
  accessLog: z
    .object({ file: z.string().min(1).optional(), stdout: z.boolean().default(true) })
    .strict()
    .default({ stdout: true }),
  /** Shared rate-limit counters (env BULWARK_REDIS_URL); in-memory per worker when absent. */
  redisUrl: redisUrl.optional(),
  redisPrefix: z.string().regex(/^[A-Za-z0-9_:.-]{1,64}$/).default('bulwark:cc:'),
  logLevel: logLevel.default('info'),
  sites: z.array(siteConfig).min(1, 'at least one site is needed'),
};

/** Site names and rule ids are unique. */
function checkUnique(c: { sites: ReadonlyArray<{ name: string; rules: ReadonlyArray<{ id: string }> }> }, ctx: z.RefinementCtx): void {
  const names = new Set<string>();
  c.sites.forEach((s, i) => {
    if (names.has(s.name)) ctx.addIssue({ code: 'custom', message: `duplicate site name "${s.name}"`, path: ['sites', i, 'name'] });
    names.add(s.name);
  });
  const ids = new Set<string>();
  c.sites.forEach((s, i) =>
    s.rules.forEach((r, j) => {
      const key = `${s.name}/${r.id}`;
      if (ids.has(key)) ctx.addIssue({ code: 'custom', message: `duplicate rule id "${r.id}"`, path: ['sites', i, 'rules', j, 'id'] });
      ids.add(key);
    }),
  );
}

export const gatewayConfig = z.object(gatewayFields).strict().superRefine(checkUnique);

/** A managed gateway (`--server`): sites come from the server, so the local file may list none. */
export const managedGatewayConfig = z
  .object({ ...gatewayFields, sites: z.array(siteConfig).default([]) })
  .strict()
  .superRefine(checkUnique);

export type GatewayConfig = z.output<typeof gatewayConfig>;
export type GatewayConfigInput = z.input<typeof gatewayConfig>;
export type SiteConfig = z.output<typeof siteConfig>;
export type ListenerConfig = z.output<typeof listenerConfig>;
export type SiteCertificateConfig = z.output<typeof siteCertificate>;
export type AccessRuleConfig = z.output<typeof accessRuleConfig>;
export type RateLimitConfig = z.output<typeof rateLimitConfig>;
export type StringMatchConfig = z.output<typeof stringMatch>;
export type NamedMatchConfig = z.output<typeof namedMatch>;
