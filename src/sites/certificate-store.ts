import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import type { Kysely } from 'kysely';
import { CERTIFICATE_NAME } from '../config/gateway.js';
import { BulwarkError } from '../core/errors.js';
import type { Caller } from '../iam/caller.js';
import type { SitesTables } from './tables.js';

/** A managed certificate as listed: never the key. */
export interface CertificateView {
  name: string;
  subject: string;
  names: string[];
  notBefore: string;
  notAfter: string;
  /** Whole days until notAfter (negative once expired), at the time of the answer. */
  daysLeft: number;
  fingerprint: string;
  createdAt: string;
  updatedAt: string;
}

/** The PEM pair a gateway needs (only ever sent to gateways, in their signed configuration answer). */
export interface CertificatePem {
  certPem: string;
  keyPem: string;
}

export const MAX_PEM_BYTES = 64 * 1024;
const DAY_MS = 86_400_000;
const CERT_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

const iso = (d: Date): string => `${d.toISOString().slice(0, 19)}Z`;
/** The sealer's associated data: a sealed key belongs to one account's certificate of one name. */
export const keyContext = (accountId: string, name: string): string => `gateway-certificate:${accountId}:${name}`;

/** DNS names of a certificate: its SAN DNS entries, else its CN. */
export function certificateNames(x: X509Certificate): string[] {
  const san = (x.subjectAltName ?? '').split(',').map((s) => s.trim()).filter((s) => s.startsWith('DNS:')).map((s) => s.slice(4).toLowerCase());
  if (san.length > 0) return san;
  const cn = /CN=([^\n,]+)/.exec(x.subject)?.[1];
  return cn ? [cn.toLowerCase()] : [];
}

export interface ParsedCertificate {
  leaf: X509Certificate;
  certPem: string;
  keyPem: string;
}

const oneLine = (dn: string) => dn.split('\n').join(', ');

/**
 * Checks an uploaded pair: a PEM chain whose first certificate is the leaf, each certificate signed
 * by the one after it, and the private key of that leaf.
 */
export function parseCertificatePair(certPem: string, keyPem: string): ParsedCertificate {
  const bad = (field: string, reason: string) => new BulwarkError('Site.InvalidCertificate', { field, reason });
  if (Buffer.byteLength(certPem) > MAX_PEM_BYTES) throw bad('cert', `larger than ${MAX_PEM_BYTES} bytes`);
  if (Buffer.byteLength(keyPem) > MAX_PEM_BYTES) throw bad('key', `larger than ${MAX_PEM_BYTES} bytes`);
  const blocks = certPem.match(CERT_BLOCK) ?? [];
  if (blocks.length === 0) throw bad('cert', 'no PEM certificate (-----BEGIN CERTIFICATE-----) found');
  let chain: X509Certificate[];
  try {
    chain = blocks.map((b) => new X509Certificate(b));
  } catch (e) {
    throw bad('cert', (e as Error).message);
  }
  // clients get the chain in this order: each certificate must be signed by the next one
  for (let i = 0; i + 1 < chain.length; i++) {
    const [child, issuer] = [chain[i]!, chain[i + 1]!];
    if (!child.checkIssued(issuer) || !child.verify(issuer.publicKey)) {
      throw bad('cert', `certificate ${i + 1} (${oneLine(child.subject)}) is not signed by certificate ${i + 2} (${oneLine(issuer.subject)}); put the leaf first, then each issuer in order`);
    }
  }
  const leaf = chain[0]!;
  let key: KeyObject;
  try {
    key = createPrivateKey(keyPem);
  } catch {
    // never echo the key material or the parser's view of it
    throw bad('key', 'not a PEM private key');
  }
  if (!leaf.checkPrivateKey(key)) throw bad('key', 'the private key does not belong to the certificate');
  return { leaf, certPem: `${blocks.join('\n')}\n`, keyPem };
}

/**
 * Certificates of managed sites (transport-free part of the sites context): uploaded PEM chain +
 * key, the key sealed with the server's root key, expiry kept for the console's warnings.
 * Writes run inside the caller's transaction (the site store bumps the revision and audits).
 */
export class CertificateStore {
  constructor(private readonly platform: { sealer: { seal(p: string, c: string): string; open(s: string, c: string): string }; clock: { now(): Date } }) {}

  view(row: SitesTables['gateway_certificates']): CertificateView {
    return {
      name: row.name,
      subject: row.subject,
      names: JSON.parse(row.names) as string[],
      notBefore: row.not_before,
      notAfter: row.not_after,
      daysLeft: Math.floor((Date.parse(row.not_after) - this.platform.clock.now().getTime()) / DAY_MS),
      fingerprint: row.fingerprint,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  async list(db: Kysely<SitesTables>, accountId: string): Promise<CertificateView[]> {
    const rows = await db.selectFrom('gateway_certificates').selectAll().where('account_id', '=', accountId).orderBy('name').execute();
    return rows.map((r) => this.view(r));
  }

  /** Stores (or replaces) a certificate; returns its view and whether it is new. */
  async put(db: Kysely<SitesTables>, caller: Caller, input: { name: string; cert: string; key: string }): Promise<{ view: CertificateView; created: boolean }> {
    if (!CERTIFICATE_NAME.test(input.name)) throw new BulwarkError('InvalidParameter', { field: 'name', reason: 'expected 1–64 letters, digits, _ . -' });
    const parsed = parseCertificatePair(input.cert, input.key);
    const at = iso(this.platform.clock.now());
    const row = {
      account_id: caller.accountId,
      name: input.name,
      cert_pem: parsed.certPem,
      key_sealed: this.platform.sealer.seal(parsed.keyPem, keyContext(caller.accountId, input.name)),
      subject: parsed.leaf.subject.replace(/\n/g, ', '),
      names: JSON.stringify(certificateNames(parsed.leaf)),
      not_before: iso(new Date(parsed.leaf.validFrom)),
      not_after: iso(new Date(parsed.leaf.validTo)),
      fingerprint: parsed.leaf.fingerprint256,
      created_at: at,
      updated_at: at,
    };
    const existing = await db.selectFrom('gateway_certificates').select('created_at').where('account_id', '=', caller.accountId).where('name', '=', input.name).executeTakeFirst();
    if (existing) {
      const { created_at: _created, ...changes } = row;
      await db.updateTable('gateway_certificates').set(changes).where('account_id', '=', caller.accountId).where('name', '=', input.name).execute();
      return { view: this.view({ ...row, created_at: existing.created_at }), created: false };
    }
    await db.insertInto('gateway_certificates').values(row).execute();
    return { view: this.view(row), created: true };
  }

  async delete(db: Kysely<SitesTables>, accountId: string, name: string): Promise<void> {
    const r = await db.deleteFrom('gateway_certificates').where('account_id', '=', accountId).where('name', '=', name).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw new BulwarkError('Site.CertificateNotFound', { name });
  }

  async exists(db: Kysely<SitesTables>, accountId: string, name: string): Promise<boolean> {
    return (await db.selectFrom('gateway_certificates').select('name').where('account_id', '=', accountId).where('name', '=', name).executeTakeFirst()) !== undefined;
  }

  /** Every certificate of the account with its key opened, by name (for the gateways' configuration). */
  async pems(db: Kysely<SitesTables>, accountId: string): Promise<Map<string, CertificatePem>> {
    const rows = await db.selectFrom('gateway_certificates').select(['name', 'cert_pem', 'key_sealed']).where('account_id', '=', accountId).execute();
    return new Map(rows.map((r) => [r.name, { certPem: r.cert_pem, keyPem: this.platform.sealer.open(r.key_sealed, keyContext(accountId, r.name)) }]));
  }
}

/** The certificate names a site document references (`tls.certificates[].certificate`), with their index. */
export function certificateRefs(site: unknown): Array<{ name: string; index: number }> {
  const tls = (site as { tls?: { certificates?: unknown } } | null)?.tls;
  const list = Array.isArray(tls?.certificates) ? (tls.certificates as unknown[]) : [];
  return list.flatMap((c, index) => (c !== null && typeof c === 'object' && typeof (c as { certificate?: unknown }).certificate === 'string' ? [{ name: (c as { certificate: string }).certificate, index }] : []));
}

/** The site as a gateway gets it: managed certificate references replaced by their PEM (unknown ones stay, and fail on the gateway naming the field). */
export function withCertificatePems(site: unknown, pems: ReadonlyMap<string, CertificatePem>): unknown {
  const refs = certificateRefs(site);
  if (refs.length === 0) return site;
  const s = site as { tls: { certificates: unknown[] } };
  return { ...s, tls: { ...s.tls, certificates: s.tls.certificates.map((c) => {
    const name = (c as { certificate?: unknown }).certificate;
    return typeof name === 'string' && pems.has(name) ? pems.get(name) : c;
  }) } };
}
