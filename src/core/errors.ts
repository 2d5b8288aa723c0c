import type { ErrorSpec } from './errors/define.js';
import { dlpErrors } from './errors/dlp.js';
import { eventsErrors } from './errors/events.js';
import { gatewayErrors } from './errors/gateway.js';
import { kmsErrors } from './errors/kms.js';
import { openapiErrors } from './errors/openapi.js';
import { platformErrors } from './errors/platform.js';
import { ramErrors } from './errors/ram.js';
import { stsErrors } from './errors/sts.js';
import { consoleErrors } from './errors/console.js';
import { wafErrors } from './errors/waf.js';
import { policyErrors } from './errors/policy.js';
import { scanErrors } from './errors/scan.js';
import { agentErrors } from './errors/agent.js';
import { hostsErrors } from './errors/hosts.js';
import { vulnErrors } from './errors/vuln.js';
import { postureErrors } from './errors/posture.js';
import { reputationErrors } from './errors/reputation.js';
import { alertsErrors } from './errors/alerts.js';

/**
 * The closed error catalogue. Each bounded context contributes one fragment under `core/errors/`;
 * every code is unique (a test checks it) and documented in `docs/errors.md`.
 */
export const ERRORS = {
  ...platformErrors,
  ...eventsErrors,
  ...dlpErrors,
  ...openapiErrors,
  ...ramErrors,
  ...stsErrors,
  ...consoleErrors,
  ...gatewayErrors,
  ...wafErrors,
  ...policyErrors,
  ...kmsErrors,
  ...scanErrors,
  ...agentErrors,
  ...hostsErrors,
  ...vulnErrors,
  ...postureErrors,
  ...reputationErrors,
  ...alertsErrors,
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;
export type ErrorParams = Readonly<Record<string, string | number | boolean>>;

/** Fills `{name}` placeholders of a template; unknown names stay visible so nothing is silently lost. */
export function formatTemplate(template: string, params: ErrorParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A coded error: the only kind of error services throw on purpose. */
export class BulwarkError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly params: ErrorParams;
  readonly recommend: string | undefined;
  /** Extra fields for the error body (e.g. `AccessDeniedDetail` of `NoPermission`). */
  readonly extra: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, params: ErrorParams = {}, options?: { cause?: unknown; extra?: Record<string, unknown> }) {
    const spec: ErrorSpec = ERRORS[code];
    super(formatTemplate(spec.message, params), options);
    this.name = 'BulwarkError';
    this.code = code;
    this.status = spec.status;
    this.params = params;
    this.recommend = spec.recommend;
    this.extra = options?.extra;
  }
}

export function isBulwarkError(value: unknown): value is BulwarkError {
  return value instanceof BulwarkError;
}

/** Every catalogue fragment file, for the uniqueness test. */
export const ERROR_FRAGMENTS: ReadonlyArray<Readonly<Record<string, ErrorSpec>>> = [eventsErrors, gatewayErrors, platformErrors, dlpErrors, wafErrors, policyErrors, openapiErrors, ramErrors, stsErrors, kmsErrors, consoleErrors, scanErrors, agentErrors, hostsErrors, vulnErrors, postureErrors, reputationErrors, alertsErrors];
