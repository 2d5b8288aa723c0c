import type { Kysely } from 'kysely';
import type { AuditEventInput } from '../../audit/event.js';
import type { AuditTrail } from '../../audit/trail.js';
import type { Clock } from '../../core/clock.js';
import { BulwarkError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Sealer } from '../../core/sealer.js';
import { accessKeySealContext } from '../../iam/access-keys.js';
import { userIdentityOf, type Caller } from '../../iam/caller.js';
import type { IamTables } from '../../iam/tables.js';
import type { Storage } from '../../storage/database.js';
import type { StsTables } from '../../sts/tables.js';
import { raiseSystemAlert } from '../../events/alerts/alert-store.js';
import { leakFingerprint } from './detector.js';
import { getLeakResponse } from './leak-policy.js';
import { maskSecret } from './mask.js';
import { MAX_REPORTED_FINDINGS, findingsReportSchema, type FindingsReport, type KeyVerdict, type ReportedFinding } from './report.js';

/** A critical alert about one leaked credential: who owns it, where it was found, what was done. */
export interface LeakAlert {
  accountId: string;
  severity: 'critical' | 'high';
  title: string;
  accessKeyId: string;
  owner: string;
  verdict: KeyVerdict['verdict'];
  locations: Array<{ file: string; line: number; commit?: string; ruleId: string }>;
  source?: string;
}

/**
 * Where alerts go. The default writes each alert into the audit trail (in the same transaction as
 * the key change) and logs it; an alerting backend can be plugged in here.
 */
export interface AlertSink {
  raise(trx: Kysely<unknown>, alert: LeakAlert, requestId: string): Promise<string>;
}

export interface LeakResponderDeps {
  storage: Storage;
  audit: AuditTrail;
  clock: Clock;
  sealer: Sealer;
  logger: Logger;
  /** drops cached credentials so a deactivated key stops working at once */
  invalidateCredentials: () => void;
  alerts?: AlertSink;
}

export interface ResponseMeta {
  requestId: string;
  sourceIp: string;
  userAgent?: string;
}

const MAX_LOCATIONS = 20;

/**
 * The default sink: an audit record `LeakedCredentialAlert`, a log line (ids masked) and a
 * security-center alert (critical or high), all in the transaction of the key change; the alert then
 * goes out through the notification channels.
 */
export function auditAlertSink(audit: AuditTrail, logger: Logger, clock: Clock): AlertSink {
  return {
    async raise(trx, alert, requestId) {
      await raiseSystemAlert(
        trx,
        {
          accountId: alert.accountId,
          source: 'system:leaked-credentials',
          dedupeKey: `${alert.accessKeyId}:${alert.verdict}:${alert.locations.map((l) => `${l.file}:${l.line}:${l.commit ?? ''}`).join(',')}`,
          severity: alert.severity === 'critical' ? 100 : 75,
          title: alert.title,
          group: { 'bulwark.access_key_id': maskSecret(alert.accessKeyId), 'user.name': alert.owner, 'file.path': alert.locations[0]?.file ?? null, 'bulwark.commit': alert.locations[0]?.commit ?? null, 'bulwark.verdict': alert.verdict },
        },
        clock.now().getTime(),
      );
      const event = await audit.append(trx, {
        eventName: 'LeakedCredentialAlert',
        eventSource: 'scan',
        eventType: 'SystemEvent',
        eventRW: 'Write',
        requestId,
        requestParameters: { severity: alert.severity, title: alert.title, accessKeyId: alert.accessKeyId, owner: alert.owner, verdict: alert.verdict, locations: alert.locations, ...(alert.source ? { source: alert.source } : {}) },
        userIdentity: { type: 'system', principalId: 'bulwark', accountId: alert.accountId },
      });
      logger.warn({ alertId: event.eventId, severity: alert.severity, accountId: alert.accountId, accessKeyId: maskSecret(alert.accessKeyId), owner: alert.owner, verdict: alert.verdict, file: alert.locations[0]?.file, commit: alert.locations[0]?.commit }, 'leaked credential alert');
      return event.eventId;
    },
  };
}

/** Parses a findings report (JSON body); errors name the field. */
export function parseFindingsReport(body: Buffer): FindingsReport {
  let raw: unknown;
  try {
    raw = JSON.parse(body.toString('utf8'));
  } catch {
    throw new BulwarkError('Scan.InvalidFindings', { field: 'body', reason: 'expected a JSON object' });
  }
  const count = (raw as { findings?: unknown })?.findings;
  if (Array.isArray(count) && count.length > MAX_REPORTED_FINDINGS) throw new BulwarkError('Scan.TooManyFindings', { count: count.length, max: MAX_REPORTED_FINDINGS });
  const parsed = findingsReportSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BulwarkError('Scan.InvalidFindings', { field: issue.path.join('.') || 'body', reason: issue.message });
  }
  return parsed.data;
}

/**
 * The automatic response to leaked credentials. For each reported AccessKey id of the caller's own
 * account (ids of other accounts are answered `unknown`, exactly like ids that do not exist): the
 * key is confirmed leaked when a reported fingerprint matches its real secret; a confirmed, active
 * key is set Inactive when the account's policy is `automatic`, with its audit record and a critical
 * alert in the same transaction. Keys whose secret was not found next to the id raise a high alert
 * and stay as they are: an id alone does not authenticate.
 */
export class LeakResponder {
  private readonly alerts: AlertSink;

  constructor(private readonly deps: LeakResponderDeps) {
    this.alerts = deps.alerts ?? auditAlertSink(deps.audit, deps.logger, deps.clock);
  }

  private iso(): string {
    return `${this.deps.clock.now().toISOString().slice(0, 19)}Z`;
  }

  async respond(caller: Caller, report: FindingsReport, meta: ResponseMeta): Promise<KeyVerdict[]> {
    const byKey = new Map<string, ReportedFinding[]>();
    for (const f of report.findings) {
      const list = byKey.get(f.accessKeyId) ?? [];
      list.push(f);
      byKey.set(f.accessKeyId, list);
    }
    const verdicts: KeyVerdict[] = [];
    let changed = false;
    for (const [accessKeyId, findings] of byKey) {
      const verdict = accessKeyId.startsWith('STS.') ? await this.respondTemporary(caller, accessKeyId, findings, report, meta) : await this.respondKey(caller, accessKeyId, findings, report, meta);
      if (verdict.verdict === 'deactivated') changed = true;
      verdicts.push(verdict);
    }
    if (changed) this.deps.invalidateCredentials();
    await this.deps.audit.record({
      ...this.callEvent(caller, meta),
      requestParameters: { findings: report.findings.length, keys: byKey.size, ...(report.source ? { source: report.source } : {}) },
      responseElements: { keys: verdicts.map((v) => ({ accessKeyId: v.accessKeyId, verdict: v.verdict })) },
    });
    return verdicts;
  }

  private callEvent(caller: Caller, meta: ResponseMeta): Omit<AuditEventInput, 'requestParameters'> {
    return {
      eventName: 'ReportLeakedCredentials',
      eventSource: 'scan',
      eventType: 'ApiCall',
      eventRW: 'Write',
      requestId: meta.requestId,
      sourceIpAddress: meta.sourceIp,
      ...(meta.userAgent ? { userAgent: meta.userAgent } : {}),
      userIdentity: userIdentityOf(caller),
    };
  }

  private locations(findings: readonly ReportedFinding[]): LeakAlert['locations'] {
    return findings.slice(0, MAX_LOCATIONS).map((f) => ({ file: f.file, line: f.line, ruleId: f.ruleId, ...(f.commit ? { commit: f.commit } : {}) }));
  }

  private title(accessKeyId: string, owner: string, findings: readonly ReportedFinding[], action: string): string {
    const first = findings[0]!;
    return `AccessKey ${maskSecret(accessKeyId)} of ${owner} found in ${first.file}:${first.line}${first.commit ? ` (commit ${first.commit.slice(0, 12)})` : ''}: ${action}`;
  }

  private async respondKey(caller: Caller, accessKeyId: string, findings: ReportedFinding[], report: FindingsReport, meta: ResponseMeta): Promise<KeyVerdict> {
    const { storage, sealer } = this.deps;
    const mode = await getLeakResponse(storage.db<IamTables>(), caller.accountId);
    return storage.transaction(async (trx) => {
      const db = trx as Kysely<IamTables>;
      // Tenant isolation: only keys of the caller's own account are ever looked at.
      const row = await db
        .selectFrom('iam_access_keys as k')
        .leftJoin('iam_users as u', 'u.id', 'k.user_id')
        .select(['k.id', 'k.status', 'k.secret_sealed', 'k.user_id', 'u.name'])
        .where('k.id', '=', accessKeyId)
        .where('k.account_id', '=', caller.accountId)
        .executeTakeFirst();
      if (!row) return { accessKeyId, verdict: 'unknown' as const };
      const owner = row.user_id ? `user ${row.name ?? row.user_id}` : 'the root account';
      const secret = sealer.open(row.secret_sealed, accessKeySealContext(row.id));
      const expected = leakFingerprint(row.id, secret);
      const confirmed = findings.some((f) => f.fingerprints.includes(expected));
      let verdict: KeyVerdict['verdict'];
      if (!confirmed) verdict = 'unconfirmed';
      else if (row.status === 'Inactive') verdict = 'already-inactive';
      else if (mode === 'ask') verdict = 'pending-approval';
      else verdict = 'deactivated';
      if (verdict === 'deactivated') {
        const t = this.iso();
        await db.updateTable('iam_access_keys').set({ status: 'Inactive', updated_at: t }).where('id', '=', row.id).where('account_id', '=', caller.accountId).execute();
        await this.deps.audit.append(trx, {
          ...this.callEvent(caller, meta),
          eventName: 'DeactivateLeakedAccessKey',
          requestParameters: { UserAccessKeyId: row.id, ...(row.user_id ? { UserName: row.name ?? '' } : {}), Status: 'Inactive', reason: 'leaked', locations: this.locations(findings) },
        });
      }
      const action: Record<KeyVerdict['verdict'], string> = {
        deactivated: 'set Inactive automatically; rotate it (docs/secrets.md)',
        'pending-approval': 'still Active (leak response is "ask"); set it Inactive and rotate it',
        'already-inactive': 'already Inactive; delete it and rotate',
        unconfirmed: 'the id is exposed but its secret was not found next to it; check and rotate if in doubt',
        temporary: '',
        unknown: '',
      };
      const alertId = await this.alerts.raise(
        trx,
        {
          accountId: caller.accountId,
          severity: confirmed ? 'critical' : 'high',
          title: this.title(row.id, owner, findings, action[verdict]),
          accessKeyId: row.id,
          owner,
          verdict,
          locations: this.locations(findings),
          ...(report.source ? { source: report.source } : {}),
        },
        meta.requestId,
      );
      return { accessKeyId, verdict, owner, alertId };
    });
  }

  /** STS credentials cannot be switched off one by one: they are alerted (they expire on their own). */
  private async respondTemporary(caller: Caller, accessKeyId: string, findings: ReportedFinding[], report: FindingsReport, meta: ResponseMeta): Promise<KeyVerdict> {
    return this.deps.storage.transaction(async (trx) => {
      const db = trx as Kysely<StsTables>;
      const row = await db.selectFrom('sts_sessions').select(['access_key_id', 'role_name', 'session_name', 'expires_at']).where('access_key_id', '=', accessKeyId).where('account_id', '=', caller.accountId).executeTakeFirst();
      if (!row) return { accessKeyId, verdict: 'unknown' as const };
      const owner = `role ${row.role_name} (session ${row.session_name})`;
      const alertId = await this.alerts.raise(
        trx,
        {
          accountId: caller.accountId,
          severity: 'critical',
          title: this.title(accessKeyId, owner, findings, `temporary credentials valid until ${row.expires_at}; change the role's trust policy to revoke them now`),
          accessKeyId,
          owner,
          verdict: 'temporary',
          locations: this.locations(findings),
          ...(report.source ? { source: report.source } : {}),
        },
        meta.requestId,
      );
      return { accessKeyId, verdict: 'temporary' as const, owner, alertId };
    });
  }
}
