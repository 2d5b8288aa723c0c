import type { X509Certificate } from 'node:crypto';
import type { SiteConfig } from '../config/gateway.js';
import type { IpAccessList } from './ip/ip-access-list.js';
import type { RequestStage, ResponseStage } from './pipeline.js';
import type { Balancer } from './upstream/balancer.js';
import type { HealthChecker } from './upstream/health-check.js';
import type { Upstream } from './upstream/upstream.js';

export interface SiteCertificate {
  cert: Buffer;
  key: Buffer;
  /** DNS names of the certificate (SAN, else CN), for SNI selection. */
  names: string[];
}

/** A site ready to serve: compiled stages, upstream pools and TLS material. */
export interface CompiledSite {
  readonly name: string;
  readonly config: SiteConfig;
  readonly upstreams: readonly Upstream[];
  readonly balancer: Balancer;
  readonly healthChecker: HealthChecker | undefined;
  readonly requestStages: readonly RequestStage[];
  readonly responseStages: readonly ResponseStage[];
  readonly acl: IpAccessList;
  readonly signing: { header: string; secret: string } | undefined;
  readonly certificates: readonly SiteCertificate[];
  readonly clientCas: readonly X509Certificate[];
}
