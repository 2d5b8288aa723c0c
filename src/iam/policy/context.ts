import type { ContextScalar, ContextValue } from './conditions/operator.js';

export type { ContextScalar, ContextValue } from './conditions/operator.js';

/**
 * The condition keys of one request: key → value(s). Keys are matched case-insensitively; the
 * canonical spellings below (as produced by `requestContext`) are found fastest. Service-specific
 * keys (`oss:Prefix`, `kms:tag/…`) are passed through as the action supplies them.
 */
export type RequestContext = Readonly<Record<string, ContextValue | undefined>>;

/** The global keys Bulwark fills for every request. */
export const GLOBAL_KEYS = {
  sourceIp: 'acs:SourceIp',
  secureTransport: 'acs:SecureTransport',
  mfaPresent: 'acs:MFAPresent',
  currentTime: 'acs:CurrentTime',
  sourceVpc: 'acs:SourceVpc',
  resourceTagPrefix: 'acs:ResourceTag/',
} as const;

export interface RequestContextInput {
  /** client address as the front door saw it (IPv4 or IPv6) */
  readonly sourceIp?: string;
  /** the request came over TLS */
  readonly secureTransport?: boolean;
  /** the principal signed in with MFA (console) or carries an MFA-backed STS token */
  readonly mfaPresent?: boolean;
  /** the evaluation time; pass the request clock so Date* conditions are deterministic */
  readonly currentTime?: Date;
  /** VPC id the request came from, when known */
  readonly sourceVpc?: string;
  /** tags of the target resource, becoming `acs:ResourceTag/<key>` */
  readonly resourceTags?: Readonly<Record<string, string>>;
  /** service-specific keys, passed through unchanged (e.g. `{ 'ram:MaxSessionDuration': 3600 }`) */
  readonly keys?: RequestContext;
}

/** Builds a request context with the global `acs:*` keys spelled canonically, plus the service keys. */
export function requestContext(input: RequestContextInput): RequestContext {
  const ctx: Record<string, ContextValue> = Object.create(null) as Record<string, ContextValue>;
  if (input.keys) for (const [k, v] of Object.entries(input.keys)) if (v !== undefined) ctx[k] = v;
  if (input.sourceIp !== undefined) ctx[GLOBAL_KEYS.sourceIp] = input.sourceIp;
  if (input.secureTransport !== undefined) ctx[GLOBAL_KEYS.secureTransport] = input.secureTransport;
  if (input.mfaPresent !== undefined) ctx[GLOBAL_KEYS.mfaPresent] = input.mfaPresent;
  if (input.currentTime !== undefined) ctx[GLOBAL_KEYS.currentTime] = input.currentTime;
  if (input.sourceVpc !== undefined) ctx[GLOBAL_KEYS.sourceVpc] = input.sourceVpc;
  if (input.resourceTags) for (const [k, v] of Object.entries(input.resourceTags)) ctx[GLOBAL_KEYS.resourceTagPrefix + k] = v;
  return ctx;
}

const lowered = new WeakMap<object, ReadonlyMap<string, ContextValue>>();

/**
 * Looks a condition key up: first under its spelling in the policy (the common case, no work), then
 * case-insensitively through a lower-cased view built once per context object.
 */
export function lookupContext(ctx: RequestContext | undefined, key: string, lowerKey: string): ContextValue | undefined {
  if (ctx === undefined) return undefined;
  if (Object.hasOwn(ctx, key)) return ctx[key];
  let view = lowered.get(ctx);
  if (view === undefined) {
    const m = new Map<string, ContextValue>();
    for (const k of Object.keys(ctx)) {
      const v = ctx[k];
      if (v !== undefined) m.set(k.toLowerCase(), v);
    }
    view = m;
    lowered.set(ctx, view);
  }
  return view.get(lowerKey);
}

export function isMultiValued(value: ContextValue): value is readonly ContextScalar[] {
  return Array.isArray(value);
}
