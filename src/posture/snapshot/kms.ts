import type { Kysely } from 'kysely';
import { keySpec } from '../../kms/key-specs.js';
import type { KmsTables } from '../../kms/tables.js';
import type { KmsSnapshot } from './snapshot.js';

function isSymmetric(spec: string): boolean {
  try {
    return keySpec(spec).kind === 'symmetric';
  } catch {
    return false;
  }
}

/** Reads the account's KMS keys (metadata only; key material is never touched). */
export async function readKms(db: Kysely<KmsTables>, accountId: string): Promise<KmsSnapshot> {
  const rows = await db.selectFrom('kms_keys').selectAll().where('account_id', '=', accountId).orderBy('created_at').orderBy('id').execute();
  return {
    keys: rows.map((r) => ({
      id: r.id,
      region: r.region,
      keySpec: r.key_spec,
      symmetric: isSymmetric(r.key_spec),
      state: r.state,
      automaticRotation: r.automatic_rotation,
      rotationIntervalSeconds: r.rotation_interval_seconds,
      lastRotationAt: r.last_rotation_at,
      deleteAt: r.delete_at,
      createdAt: r.created_at,
    })),
  };
}
