import { sql, type Kysely } from 'kysely';
import { siteConfig, type SiteConfig } from '../config/gateway.js';
import { BulwarkError } from '../core/errors.js';
import type { Caller } from '../iam/caller.js';
import { callerWrite } from '../iam/caller.js';
import type { Platform } from '../server/platform.js';
import { CertificateStore, certificateRefs, withCertificatePems, type CertificateView } from './certificate-store.js';
import { GatewayStatusStore } from './gateway-status-store.js';
import { RevisionSignal } from './revision-signal.js';
import type { SitesTables } from './tables.js';

/** The sites a managed gateway runs, at one revision of the account's configuration. */
export interface GatewayConfigSnapshot {
  revision: number;
  /** Sites as submitted (the gateway applies its schema defaults itself). */
  sites: unknown[];
}

export interface SiteView {
  name: string;
  site: unknown;
  createdAt: string;
  updatedAt: string;
}

const iso = (d: Date): string => `${d.toISOString().slice(0, 19)}Z`;

/** Validates a site document with the gateway's own schema; the error names the first bad field. */
export function validateSite(document: unknown): SiteConfig {
  const r = siteConfig.safeParse(document);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new BulwarkError('InvalidParameter', { field: ['site', ...issue.path.map(String)].join('.'), reason: issue.message });
}

/**
 * Gateway sites managed on the server (transport-free). Every change bumps the account's revision
 * inside the same transaction as its audit record, then wakes the gateways long-polling for it.
 */
export class SiteStore {
  readonly changes = new RevisionSignal();

  private readonly certificates: CertificateStore;
  /** The managed gateways' status reports (listeners, upstream health). */
  readonly gateways: GatewayStatusStore;

  constructor(private readonly platform: Pick<Platform, 'storage' | 'audit' | 'clock' | 'sealer'>) {
    this.certificates = new CertificateStore(platform);
    this.gateways = new GatewayStatusStore(platform);
  }

  private db(): Kysely<SitesTables> {
    return this.platform.storage.db<SitesTables>() as Kysely<SitesTables>;
  }

  async list(accountId: string): Promise<SiteView[]> {
    const rows = await this.db().selectFrom('gateway_sites').selectAll().where('account_id', '=', accountId).orderBy('name').execute();
    return rows.map((r) => ({ name: r.name, site: JSON.parse(r.document) as unknown, createdAt: r.created_at, updatedAt: r.updated_at }));
  }

  async revision(accountId: string): Promise<number> {
    const row = await this.db().selectFrom('gateway_revisions').select('revision').where('account_id', '=', accountId).executeTakeFirst();
    return row ? Number(row.revision) : 0;
  }

  /** The account's sites and revision, read together. */
  async snapshot(accountId: string): Promise<GatewayConfigSnapshot> {
    return this.platform.storage.transaction(async (trx) => {
      const db = trx as Kysely<SitesTables>;
      const rev = await db.selectFrom('gateway_revisions').select('revision').where('account_id', '=', accountId).executeTakeFirst();
      const rows = await db.selectFrom('gateway_sites').select('document').where('account_id', '=', accountId).orderBy('name').execute();
      const sites = rows.map((r) => JSON.parse(r.document) as unknown);
      // managed certificates travel to the gateways inline, with their key opened (never stored that way)
      const pems = sites.some((s) => certificateRefs(s).length > 0) ? await this.certificates.pems(db, accountId) : new Map();
      return { revision: rev ? Number(rev.revision) : 0, sites: sites.map((s) => withCertificatePems(s, pems)) };
    });
  }

  /** Creates or replaces a site; returns the new revision. */
  async put(caller: Caller, document: unknown): Promise<{ name: string; revision: number; created: boolean }> {
    const site = validateSite(document);
    // private keys are uploaded as certificates (sealed), never kept in a site document
    const inline = (site.tls?.certificates ?? []).findIndex((c) => 'keyPem' in c);
    if (inline >= 0) throw new BulwarkError('InvalidParameter', { field: `site.tls.certificates.${inline}`, reason: 'upload the certificate and its key with certificates put, then reference it as { certificate: NAME }' });
    const at = iso(this.platform.clock.now());
    const result = await this.platform.storage.transaction(async (trx) => {
      const db = trx as Kysely<SitesTables>;
      for (const ref of certificateRefs(document)) {
        if (!(await this.certificates.exists(db, caller.accountId, ref.name))) {
          throw new BulwarkError('InvalidParameter', { field: `site.tls.certificates.${ref.index}.certificate`, reason: `no certificate named "${ref.name}" (upload it first)` });
        }
      }
      const existing = await db.selectFrom('gateway_sites').select('name').where('account_id', '=', caller.accountId).where('name', '=', site.name).executeTakeFirst();
      const text = JSON.stringify(document);
      if (existing) {
        await db.updateTable('gateway_sites').set({ document: text, updated_at: at }).where('account_id', '=', caller.accountId).where('name', '=', site.name).execute();
      } else {
        await db.insertInto('gateway_sites').values({ account_id: caller.accountId, name: site.name, document: text, created_at: at, updated_at: at }).execute();
      }
      const revision = await this.bump(db, caller.accountId, at);
      await this.audit(trx, caller, existing ? 'UpdateSite' : 'CreateSite', { siteName: site.name, revision });
      return { name: site.name, revision, created: !existing };
    });
    this.changes.notify(caller.accountId, result.revision);
    return result;
  }

  async delete(caller: Caller, name: string): Promise<{ revision: number }> {
    const at = iso(this.platform.clock.now());
    const revision = await this.platform.storage.transaction(async (trx) => {
      const db = trx as Kysely<SitesTables>;
      const r = await db.deleteFrom('gateway_sites').where('account_id', '=', caller.accountId).where('name', '=', name).executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) throw new BulwarkError('Site.NotFound', { name });
      const next = await this.bump(db, caller.accountId, at);
      await this.audit(trx, caller, 'DeleteSite', { siteName: name, revision: next });
      return next;
    });
    this.changes.notify(caller.accountId, revision);
    return { revision };
  }

  async listCertificates(accountId: string): Promise<CertificateView[]> {
    return this.certificates.list(this.db(), accountId);
  }

  /** Uploads or replaces a certificate; bumps the revision (sites using it get the new one) and audits without the key. */
  async putCertificate(caller: Caller, input: { name: string; cert: string; key: string }): Promise<{ certificate: CertificateView; created: boolean; revision: number }> {
    const at = iso(this.platform.clock.now());
    const result = await this.platform.storage.transaction(async (trx) => {
      const db = trx as Kysely<SitesTables>;
      const { view, created } = await this.certificates.put(db, caller, input);
      const revision = await this.bump(db, caller.accountId, at);
      await this.audit(trx, caller, created ? 'UploadCertificate' : 'UpdateCertificate', { certificateName: view.name, names: view.names, notAfter: view.notAfter, fingerprint: view.fingerprint, revision });
      return { certificate: view, created, revision };
    });
    this.changes.notify(caller.accountId, result.revision);
    return result;
  }

  /** Deletes a certificate no site references. */
  async deleteCertificate(caller: Caller, name: string): Promise<{ revision: number }> {
    const at = iso(this.platform.clock.now());
    const revision = await this.platform.storage.transaction(async (trx) => {
      const db = trx as Kysely<SitesTables>;
      const rows = await db.selectFrom('gateway_sites').select(['name', 'document']).where('account_id', '=', caller.accountId).execute();
      const user = rows.find((r) => certificateRefs(JSON.parse(r.document)).some((ref) => ref.name === name));
      if (user) throw new BulwarkError('Site.CertificateInUse', { name, site: user.name });
      await this.certificates.delete(db, caller.accountId, name);
      const next = await this.bump(db, caller.accountId, at);
      await this.audit(trx, caller, 'DeleteCertificate', { certificateName: name, revision: next });
      return next;
    });
    this.changes.notify(caller.accountId, revision);
    return { revision };
  }

  private async bump(db: Kysely<SitesTables>, accountId: string, at: string): Promise<number> {
    await db.insertInto('gateway_revisions').values({ account_id: accountId, revision: 0, updated_at: at }).onConflict((oc) => oc.column('account_id').doNothing()).execute();
    // One UPDATE … RETURNING: concurrent changes serialize on the row and get distinct revisions.
    const row = await db
      .updateTable('gateway_revisions')
      .set({ revision: sql<number>`revision + 1`, updated_at: at })
      .where('account_id', '=', accountId)
      .returning('revision')
      .executeTakeFirstOrThrow();
    return Number(row.revision);
  }

  private audit(trx: Kysely<unknown>, caller: Caller, eventName: string, requestParameters: Record<string, unknown>): Promise<unknown> {
    return this.platform.audit.append(trx, callerWrite(caller, 'gateway', eventName, requestParameters));
  }
}
