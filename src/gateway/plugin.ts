import type { GatewayConfig, SiteConfig } from '../config/gateway.js';
import type { RequestStage, ResponseStage } from './pipeline.js';

/**
 * An extension of the pipeline (the WAF engine, DLP detectors): given a site's configuration it
 * contributes request stages (run after the built-in security stages, where the WAF belongs) and
 * response stages (header checks, streaming body transforms). Plugins never touch the proxy.
 */
export interface GatewayPlugin {
  readonly name: string;
  /** Async preparation (loading rule sets) before a config is compiled, at start and on every reload; throw to refuse the config. */
  prepare?(config: GatewayConfig, baseDir: string): Promise<void>;
  requestStages?(site: SiteConfig): RequestStage[];
  responseStages?(site: SiteConfig): ResponseStage[];
  close?(): Promise<void>;
}
