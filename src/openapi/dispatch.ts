import type { AuditEventInput, AuditEventType } from '../audit/event.js';
import { BulwarkError } from '../core/errors.js';
import type { Sealer } from '../core/sealer.js';
import type { Authorizer } from '../iam/authorizer.js';
import { userIdentityOf, type Caller } from '../iam/caller.js';
import { diagnosticFromDenial, encodeDiagnosticMessage } from '../iam/diagnostic.js';
import type { AuthorizationResult } from '../iam/policy/index.js';
import type { CredentialStore, ResolvedKey } from '../iam/credentials.js';
import { getSecurityPreference } from '../iam/settings.js';
import type { IamTables } from '../iam/tables.js';
import type { Platform } from '../server/platform.js';
import type { ActionContext, AnyActionDef } from './action.js';
import { AuthenticationError, authenticate, MAX_SKEW_MS, type SignedRequest } from './authenticate.js';
import { NonceCache } from './nonce-cache.js';
import { actionParams, parseInput, validateInput } from './params.js';

export interface FrontDoorDeps {
  platform: Platform;
  sealer: Sealer;
  credentials: CredentialStore;
  authorizer: Authorizer;
  actions: readonly AnyActionDef[];
}

export interface CallMeta {
  requestId: string;
  sourceIp: string;
  secureTransport: boolean;
  userAgent?: string;
}

/** The Alibaba-compatible front door, transport-free: a signed request in, a result or coded error out. */
export class FrontDoor {
  private readonly byKey = new Map<string, AnyActionDef>();
  private readonly nonces = new NonceCache(MAX_SKEW_MS);

  constructor(private readonly deps: FrontDoorDeps) {
    for (const def of deps.actions) this.byKey.set(`${def.version}:${def.action}`, def);
  }

  /** Every declared action (for docs and the tenant-isolation test). */
  get actions(): readonly AnyActionDef[] {
    return this.deps.actions;
  }

  private find(params: Readonly<Record<string, string>>, headers: Readonly<Record<string, string | undefined>>): AnyActionDef {
    const action = headers['x-acs-action'] ?? params.Action;
    const version = headers['x-acs-version'] ?? params.Version;
    if (!action) throw new BulwarkError('MissingParameter', { field: 'Action' });
    if (!version) throw new BulwarkError('MissingParameter', { field: 'Version' });
    const def = this.byKey.get(`${version}:${action}`);
    if (!def) {
      const other = this.deps.actions.find((d) => d.action === action);
      if (other) throw new BulwarkError('InvalidVersion', { version, product: other.product });
      throw new BulwarkError('InvalidAction.NotFound', { action });
    }
    return def;
  }

  private event(def: AnyActionDef | undefined, caller: Caller, params: Record<string, string>, meta: CallMeta, outcome: { response?: Record<string, unknown>; error?: BulwarkError }, eventType: AuditEventType = 'ApiCall'): AuditEventInput {
    return {
      eventName: def?.action ?? params.Action ?? 'Unknown',
      eventSource: def?.eventSource ?? 'openapi',
      eventType,
      eventRW: def?.rw ?? 'Read',
      requestId: meta.requestId,
      ...(def ? { apiVersion: def.version } : {}),
      requestParameters: actionParams(params),
      ...(outcome.response ? { responseElements: outcome.response } : {}),
      ...(outcome.error ? { errorCode: outcome.error.code, errorMessage: outcome.error.message } : {}),
      sourceIpAddress: meta.sourceIp,
      ...(meta.userAgent ? { userAgent: meta.userAgent } : {}),
      userIdentity: userIdentityOf(caller),
    };
  }

  /**
   * For non-RPC endpoints (event ingest, agent reports): verifies the V1/V3 signature and checks that
   * the caller may perform `ramAction` on `resource`. Throws coded errors (NoPermission with detail).
   */
  async authenticateAndAuthorize(req: SignedRequest, meta: CallMeta, ramAction: string, resource: string): Promise<Caller> {
    let caller: Caller;
    try {
      const auth = await authenticate(req, { credentials: this.deps.credentials, nonces: this.nonces, now: () => this.deps.platform.clock.now().getTime() });
      caller = this.callerFrom(auth.key, meta);
    } catch (e) {
      if (e instanceof AuthenticationError) throw e.error;
      throw e;
    }
    const decision = await this.deps.authorizer.authorize(caller, { action: ramAction, resource });
    if (!decision.allowed) throw this.noPermission(caller, ramAction, resource, decision);
    return caller;
  }

  private noPermission(caller: Caller, action: string, resource: string, decision: AuthorizationResult): BulwarkError {
    const diagnostic = diagnosticFromDenial(decision, caller);
    return new BulwarkError('NoPermission', { action, resource }, {
      extra: {
        AccessDeniedDetail: {
          ...decision.denied,
          ...(diagnostic ? { EncodedDiagnosticMessage: encodeDiagnosticMessage(this.deps.sealer, caller.accountId, diagnostic) } : {}),
          AuthPrincipalType: caller.principalType === 'user' ? 'SubUser' : caller.principalType === 'role' ? 'AssumedRoleUser' : 'Account',
          AuthPrincipalOwnerId: caller.accountId,
          AuthPrincipalDisplayName: caller.principalType === 'root' ? caller.accountId : caller.principalName,
        },
      },
    });
  }

  /** Authenticates, validates, authorizes, runs and audits one call. */
  async call(req: SignedRequest, meta: CallMeta): Promise<Record<string, unknown>> {
    const { platform } = this.deps;
    const params = { ...req.query, ...req.form };
    let caller: Caller | undefined;
    let def: AnyActionDef | undefined;
    try {
      let auth;
      try {
        auth = await authenticate(req, { credentials: this.deps.credentials, nonces: this.nonces, now: () => platform.clock.now().getTime() });
      } catch (e) {
        if (e instanceof AuthenticationError) {
          if (e.key) caller = this.callerFrom(e.key, meta);
          throw e.error;
        }
        throw e;
      }
      caller = this.callerFrom(auth.key, meta);
      def = this.find(params, req.headers);
      const input = parseInput(def.input, params);
      await this.authorizeAction(def, input, caller);
      const response = await this.run(def, caller, input, params, meta);
      void this.deps.credentials.touch(auth.key.accessKeyId, def.eventSource, `${platform.clock.now().toISOString().slice(0, 19)}Z`).catch(() => undefined);
      return response;
    } catch (e) {
      const error = e instanceof BulwarkError ? e : new BulwarkError('InternalError', {}, { cause: e });
      if (!(e instanceof BulwarkError)) platform.logger.error({ err: e, requestId: meta.requestId }, 'action failed');
      if (caller) {
        await platform.audit.record(this.event(def, caller, params, meta, { error })).catch((auditError: unknown) => platform.logger.error({ err: auditError }, 'audit record failed'));
      } else {
        platform.logger.warn({ requestId: meta.requestId, code: error.code, sourceIp: meta.sourceIp }, 'unauthenticated call rejected');
      }
      throw error;
    }
  }

  /** RAM authorization of one validated action input (self-service, then the caller's policies). */
  private async authorizeAction(def: AnyActionDef, input: unknown, caller: Caller): Promise<void> {
    const resource = def.resource(input, caller);
    const decision = def.ramAction === '' || (await this.selfServiceAllowed(def, input, caller)) ? { allowed: true as const, denied: undefined } : await this.deps.authorizer.authorize(caller, { action: def.ramAction, resource });
    if (!decision.allowed) throw this.noPermission(caller, def.ramAction, Array.isArray(resource) ? resource.join(',') : resource, decision);
  }

  /** The action `product`/`action` (e.g. `Ram`/`CreateUser`), or InvalidAction.NotFound. */
  action(product: string, action: string): AnyActionDef {
    const def = this.deps.actions.find((d) => d.product === product && d.action === action);
    if (!def) throw new BulwarkError('InvalidAction.NotFound', { action: `${product}:${action}` });
    return def;
  }

  /** Whether the caller may perform `def` on the resource `input` names (for read-only screens). */
  async allowed(def: AnyActionDef, input: unknown, caller: Caller): Promise<boolean> {
    try {
      await this.authorizeAction(def, input, caller);
      return true;
    } catch (e) {
      if (e instanceof BulwarkError && e.code === 'NoPermission') return false;
      throw e;
    }
  }

  /**
   * Runs one action for a caller authenticated elsewhere (a console session): the same input schema,
   * RAM authorization, transaction and audit trail as a signed call; structured (JSON) input.
   */
  async invoke(caller: Caller, def: AnyActionDef, input: Record<string, unknown>, meta: CallMeta, options: { eventType: AuditEventType; recordReads: boolean } = { eventType: 'ConsoleOperation', recordReads: true }): Promise<Record<string, unknown>> {
    const { eventType } = options;
    const params = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
    try {
      const parsed = validateInput(def.input, input);
      await this.authorizeAction(def, parsed, caller);
      return await this.run(def, caller, parsed, params, meta, eventType, options.recordReads);
    } catch (e) {
      const error = e instanceof BulwarkError ? e : new BulwarkError('InternalError', {}, { cause: e });
      if (!(e instanceof BulwarkError)) this.deps.platform.logger.error({ err: e, requestId: meta.requestId }, 'action failed');
      await this.deps.platform.audit.record(this.event(def, caller, params, meta, { error }, eventType)).catch((auditError: unknown) => this.deps.platform.logger.error({ err: auditError }, 'audit record failed'));
      throw error;
    }
  }

  /** A RAM user managing its own AccessKeys or MFA device, when the account's security preference allows it. */
  private async selfServiceAllowed(def: AnyActionDef, input: unknown, caller: Caller): Promise<boolean> {
    if (!def.selfService || caller.principalType !== 'user' || !def.selfService.targetsSelf(input, caller)) return false;
    const ctx = { db: this.deps.platform.storage.db<IamTables>(), caller, clock: this.deps.platform.clock, sealer: this.deps.sealer, invalidate: () => undefined };
    const preference = await getSecurityPreference(ctx);
    return def.selfService.preference === 'AccessKeys' ? preference.AccessKeyPreference.AllowUserToManageAccessKeys : preference.MFAPreference.AllowUserToManageMFADevices;
  }

  private callerFrom(key: ResolvedKey, meta: CallMeta): Caller {
    return {
      ...(key.sts ? { sessionName: key.sts.sessionName, ...(key.sts.sessionPolicy ? { sessionPolicy: key.sts.sessionPolicy } : {}) } : {}),
      accountId: key.accountId,
      principalType: key.principalType,
      principalId: key.principalId,
      principalName: key.principalName,
      accessKeyId: key.accessKeyId,
      sourceIp: meta.sourceIp,
      secureTransport: meta.secureTransport,
      mfaPresent: false,
      requestId: meta.requestId,
      ...(meta.userAgent ? { userAgent: meta.userAgent } : {}),
    };
  }

  private async run(def: AnyActionDef, caller: Caller, input: unknown, params: Record<string, string>, meta: CallMeta, eventType: AuditEventType = 'ApiCall', recordReads = true): Promise<Record<string, unknown>> {
    const { platform } = this.deps;
    const pending = new Set<'policy' | 'membership' | 'credential'>();
    const committed: Array<() => void> = [];
    const context = (db: ActionContext['db']): ActionContext => ({ caller, db, clock: platform.clock, sealer: this.deps.sealer, invalidate: (r) => pending.add(r), afterCommit: (fn) => committed.push(fn) });
    let response: Record<string, unknown>;
    if (def.rw === 'Write') {
      response = await platform.storage.transaction(async (trx) => {
        const result = await def.handler(context(trx), input);
        await platform.audit.append(trx, this.event(def, caller, params, meta, { response: result }, eventType));
        return result;
      });
    } else {
      response = await def.handler(context(platform.storage.db()), input);
      if (recordReads) await platform.audit.record(this.event(def, caller, params, meta, {}, eventType));
    }
    for (const fn of committed) fn();
    if (pending.has('policy') || pending.has('membership')) this.deps.authorizer.invalidate();
    if (pending.has('credential')) this.deps.credentials.invalidate();
    return response;
  }
}
