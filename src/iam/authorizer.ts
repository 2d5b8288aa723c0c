import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Caller } from './caller.js';
import { authorize, PolicyCache, requestContext, type AuthorizationResult, type CompiledPolicy, type PolicySetLike } from './policy/index.js';
import type { IamTables } from './tables.js';

export interface AuthorizeRequest {
  action: string;
  resource: string | readonly string[];
  /** Service-specific condition keys. */
  keys?: Readonly<Record<string, string | number | boolean>>;
  resourceTags?: Readonly<Record<string, string>>;
}

/**
 * Decides whether a caller may perform an action: loads the policies attached to the user (and its
 * groups) or role, compiles them once, caches per principal and recompiles after any change that
 * `invalidate()` is told about (attach/detach, membership, default version, deletion).
 */
export class Authorizer {
  private readonly cache = new PolicyCache();
  private generation = 0;

  constructor(private readonly db: () => Kysely<IamTables>) {}

  invalidate(): void {
    this.generation += 1;
  }

  private async policiesOf(caller: Caller): Promise<readonly CompiledPolicy[]> {
    const db = this.db();
    const principals: Array<{ type: 'User' | 'Group' | 'Role'; id: string }> = [];
    if (caller.principalType === 'user') {
      principals.push({ type: 'User', id: caller.principalId });
      const groups = await db.selectFrom('iam_group_members').select('group_id').where('user_id', '=', caller.principalId).execute();
      for (const g of groups) principals.push({ type: 'Group', id: g.group_id });
    } else if (caller.principalType === 'role') {
      principals.push({ type: 'Role', id: caller.principalId });
    }
    const compiled: CompiledPolicy[] = [];
    for (const p of principals) {
      const rows = await db
        .selectFrom('iam_attachments as a')
        .innerJoin('iam_policies as p', 'p.id', 'a.policy_id')
        .innerJoin('iam_policy_versions as v', (j) => j.onRef('v.policy_id', '=', 'p.id').onRef('v.version_id', '=', 'p.default_version'))
        .select(['p.id', 'p.name', 'p.type', 'v.version_id', 'v.document'])
        .where('a.account_id', '=', caller.accountId)
        .where('a.principal_type', '=', p.type)
        .where('a.principal_id', '=', p.id)
        .execute();
      for (const r of rows) compiled.push(this.cache.document(`${r.id}:${r.version_id}`, r.document, { policyName: r.name, policyType: r.type, versionId: r.version_id }));
    }
    return compiled;
  }

  /** STS session policies are compiled once per distinct document. */
  private sessionOf(caller: Caller): PolicySetLike | undefined {
    if (!caller.sessionPolicy) return undefined;
    const key = `session:${createHash('sha256').update(caller.sessionPolicy).digest('hex')}`;
    return [this.cache.document(key, caller.sessionPolicy, { policyName: 'SessionPolicy', policyType: 'SessionPolicy' })];
  }

  async authorize(caller: Caller, request: AuthorizeRequest, sessionOverride?: PolicySetLike): Promise<AuthorizationResult> {
    const session = sessionOverride ?? this.sessionOf(caller);
    const isRoot = caller.principalType === 'root';
    const version = this.generation;
    let identity: PolicySetLike = [];
    if (!isRoot) {
      const cached = this.cache.peek(caller.principalId, version);
      if (cached) identity = cached;
      else {
        const policies = await this.policiesOf(caller);
        identity = this.cache.policySet(caller.principalId, version, () => policies);
      }
    }
    const context = requestContext({
      sourceIp: caller.sourceIp,
      secureTransport: caller.secureTransport,
      mfaPresent: caller.mfaPresent,
      currentTime: new Date(),
      ...(request.resourceTags ? { resourceTags: request.resourceTags } : {}),
      ...(request.keys ? { keys: request.keys } : {}),
    });
    return authorize({ action: request.action, resource: request.resource, context }, { identity, isRoot, ...(session ? { session } : {}) });
  }
}
