import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { GatewayConfig, SiteConfig } from '../config/gateway.js';
import { BulwarkError } from '../core/errors.js';
import type { RateLimiterStore } from './cc/limiter.js';
import { IpAccessList } from './ip/ip-access-list.js';
import { normalizeIp } from './ip/ip-address.js';
import type { RequestStage, ResponseStage } from './pipeline.js';
import type { GatewayPlugin } from './plugin.js';
import { compileRules } from './rules/access-rules.js';
import type { CompiledSite, SiteCertificate } from './site.js';
import { SiteRouter } from './site-router.js';
import { accessRulesStage } from './stages/access-rules-stage.js';
import { banStage } from './stages/ban-stage.js';
import { hstsStage } from './stages/hsts-stage.js';
import { clientCertificateStage, httpsRedirectStage } from './stages/https-stage.js';
import { ipAclStage } from './stages/ip-acl-stage.js';
import { pingbackStage } from './stages/pingback-stage.js';
import { protocolStage } from './stages/protocol-stage.js';
import { rateLimitStage } from './stages/rate-limit-stage.js';
import { Balancer } from './upstream/balancer.js';
import { HealthChecker } from './upstream/health-check.js';
import { Upstream } from './upstream/upstream.js';

/** A compiled, immutable configuration; a reload builds a new one and swaps it atomically. */
export interface GatewayRuntime {
  readonly config: GatewayConfig;
  readonly sites: readonly CompiledSite[];
  readonly router: SiteRouter<CompiledSite>;
  readonly globalAcl: IpAccessList;
  readonly trustedProxies: IpAccessList | undefined;
  /** Upstreams by identity key, so the next reload can reuse pools and health state. */
  readonly upstreamsByKey: ReadonlyMap<string, Upstream>;
  /** Finds the client IP: the peer, or — when the peer is a trusted proxy — the right-most untrusted X-Forwarded-For hop. */
  clientIp(peerIp: string, xff: string | undefined): { ip: string; trustedPeer: boolean };
}

export interface CompileOptions {
  baseDir: string;
  store: RateLimiterStore;
  plugins: readonly GatewayPlugin[];
  previous?: GatewayRuntime | undefined;
  /** The port of the first HTTPS listener, the target of HTTP → HTTPS redirects. */
  httpsPort: () => number | undefined;
  env: NodeJS.ProcessEnv;
}

function readPem(baseDir: string, path: string, field: string): Buffer {
  const full = isAbsolute(path) ? path : resolve(baseDir, path);
  try {
    return readFileSync(full);
  } catch (e) {
    throw new BulwarkError('Gateway.TlsFile', { path, field, reason: (e as NodeJS.ErrnoException).code ?? 'unreadable' });
  }
}

/** Reads a PEM bundle of CA certificates. */
export function readCaBundle(baseDir: string, path: string, field: string): X509Certificate[] {
  const pem = readPem(baseDir, path, field).toString('utf8');
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new BulwarkError('Gateway.TlsFile', { path, field, reason: 'no PEM certificate found' });
  try {
    return blocks.map((b) => new X509Certificate(b));
  } catch (e) {
    throw new BulwarkError('Gateway.TlsFile', { path, field, reason: (e as Error).message });
  }
}

/** A site certificate: PEM files (paths relative to baseDir), or inline PEM as the server delivers managed ones. */
export type CertificateSource = { cert: string; key: string } | { certPem: string; keyPem: string } | { certificate: string };

export function loadCertificate(baseDir: string, source: CertificateSource, field: string): SiteCertificate {
  // a reference the server did not resolve (the certificate was deleted or this is not a managed gateway)
  if ('certificate' in source) throw new BulwarkError('Gateway.TlsFile', { path: `certificate ${source.certificate}`, field: `${field}.certificate`, reason: 'a managed certificate is only available to gateways started with --server' });
  const inline = 'certPem' in source;
  const pair = inline ? { cert: '(inline PEM)', key: '(inline PEM)' } : source;
  const cert = inline ? Buffer.from(source.certPem) : readPem(baseDir, source.cert, `${field}.cert`);
  const key = inline ? Buffer.from(source.keyPem) : readPem(baseDir, source.key, `${field}.key`);
  let names: string[] = [];
  try {
    const x = new X509Certificate(cert);
    const san = x.subjectAltName ?? '';
    names = san
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.startsWith('DNS:'))
      .map((s) => s.slice(4).toLowerCase());
    if (names.length === 0) {
      const cn = /CN=([^\n,]+)/.exec(x.subject)?.[1];
      if (cn) names = [cn.toLowerCase()];
    }
  } catch (e) {
    throw new BulwarkError('Gateway.TlsFile', { path: pair.cert, field: `${field}.cert`, reason: (e as Error).message });
  }
  return { cert, key, names };
}

function upstreamKey(site: SiteConfig, url: string, weight: number): string {
  return JSON.stringify([site.name, url, weight, site.timeouts.connect, site.passive.maxFails, site.passive.ejectFor]);
}

function compileSite(site: SiteConfig, index: number, config: GatewayConfig, options: CompileOptions, globalAcl: IpAccessList, bans: IpAccessList, reuse: Map<string, Upstream>, used: Map<string, Upstream>): CompiledSite {
  const field = `sites.${index}`;
  const upstreams = site.upstreams.map((u) => {
    const url = (typeof u === 'string' ? u : u.url).replace(/\/$/, '');
    const weight = typeof u === 'string' ? 1 : u.weight;
    const key = upstreamKey(site, url, weight);
    const existing = used.get(key) ?? reuse.get(key);
    const upstream = existing ?? new Upstream({ url, weight, connectTimeout: site.timeouts.connect, maxFails: site.passive.maxFails, ejectFor: site.passive.ejectFor });
    used.set(key, upstream);
    return upstream;
  });
  const acl = new IpAccessList(site.acl);
  const rules = compileRules(site.rules, `${field}.rules`);
  const certificates = (site.tls?.certificates ?? []).map((c, i) => loadCertificate(options.baseDir, c, `${field}.tls.certificates.${i}`));
  const clientCas = site.tls?.clientCa ? readCaBundle(options.baseDir, site.tls.clientCa, `${field}.tls.clientCa`) : [];

  const request: RequestStage[] = [protocolStage()];
  if (site.httpsRedirect) request.push(httpsRedirectStage(options.httpsPort));
  if (site.tls && site.tls.clientAuth !== 'none') request.push(clientCertificateStage(clientCas, site.tls.clientAuth));
  if (!bans.empty) request.push(banStage(bans));
  request.push(ipAclStage(globalAcl, acl));
  if (rules.length > 0) request.push(accessRulesStage(rules));
  if (site.rateLimits.length > 0) request.push(rateLimitStage(site.name, site.rateLimits, options.store));
  if (site.wordpress.blockPingback) request.push(pingbackStage());
  const response: ResponseStage[] = [];
  if (site.hsts) response.push(hstsStage(site.hsts.maxAge, site.hsts.includeSubDomains, site.hsts.preload));
  for (const p of options.plugins) {
    request.push(...(p.requestStages?.(site) ?? []));
    response.push(...(p.responseStages?.(site) ?? []));
  }

  let signing: CompiledSite['signing'];
  if (site.originSigning) {
    const secret = site.originSigning.secret ?? options.env[site.originSigning.secretEnv ?? ''];
    if (!secret || secret.length < 16) {
      throw new BulwarkError('InvalidConfig', { field: `${field}.originSigning.secretEnv`, origin: '', reason: `environment variable ${site.originSigning.secretEnv} is unset or shorter than 16 characters` });
    }
    signing = { header: site.originSigning.header.toLowerCase(), secret };
  }
  void config;
  return {
    name: site.name,
    config: site,
    upstreams,
    balancer: new Balancer(site.balance, upstreams),
    healthChecker: site.healthCheck ? new HealthChecker(upstreams, site.healthCheck) : undefined,
    requestStages: request,
    responseStages: response,
    acl,
    signing,
    certificates,
    clientCas,
  };
}

/** Compiles a validated config; throws a coded error (and starts nothing) when something is wrong. */
export function compileRuntime(config: GatewayConfig, options: CompileOptions): GatewayRuntime {
  const globalAcl = new IpAccessList(config.acl);
  const bans = new IpAccessList({ allow: [], deny: config.bans });
  const trusted = config.trustedProxies.length > 0 ? new IpAccessList({ allow: [], deny: config.trustedProxies }) : undefined;
  const reuse = new Map(options.previous?.upstreamsByKey ?? []);
  const used = new Map<string, Upstream>();
  const sites = config.sites.map((s, i) => compileSite(s, i, config, options, globalAcl, bans, reuse, used));
  const router = new SiteRouter<CompiledSite>();
  for (const s of sites) for (const h of s.config.hosts) router.add(h, s);
  const isTrusted = (ip: string): boolean => trusted !== undefined && trusted.check(ip) === 'deny';
  return {
    config,
    sites,
    router,
    globalAcl,
    trustedProxies: trusted,
    upstreamsByKey: used,
    clientIp(peerIp, xff) {
      if (!isTrusted(peerIp)) return { ip: peerIp, trustedPeer: false };
      if (!xff) return { ip: peerIp, trustedPeer: true };
      const hops = xff.split(',');
      for (let i = hops.length - 1; i >= 0; i--) {
        const hop = normalizeIp((hops[i] as string).trim());
        if (!isTrusted(hop)) return { ip: hop, trustedPeer: true };
      }
      return { ip: normalizeIp((hops[0] as string).trim()), trustedPeer: true };
    },
  };
}

/** Starts health checks of a fresh runtime and stops those of the previous one. */
export function activateRuntime(next: GatewayRuntime, previous: GatewayRuntime | undefined): void {
  for (const s of next.sites) s.healthChecker?.start();
  if (!previous) return;
  for (const s of previous.sites) s.healthChecker?.stop();
}

/** Upstreams of the previous runtime that the next one no longer uses (to close once drained). */
export function retiredUpstreams(next: GatewayRuntime, previous: GatewayRuntime): Upstream[] {
  const keep = new Set(next.upstreamsByKey.values());
  return [...previous.upstreamsByKey.values()].filter((u) => !keep.has(u));
}
