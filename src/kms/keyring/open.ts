import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { BulwarkError } from '../../core/errors.js';
import type { Sealer } from '../../core/sealer.js';
import type { KmsTables } from '../tables.js';
import { createFileKeyring, kekFromKeyFile, kekFromPassphrase, passphraseState } from './file.js';
import type { Keyring } from './keyring.js';

/** Where the file keyring's key-encryption key comes from (`BULWARK_KMS_*`). */
export const fileKeyringConfig = z.object({
  BULWARK_KMS_PASSPHRASE: z.string().min(8, 'must be at least 8 characters').optional(),
  BULWARK_KMS_ROOT_KEY_FILE: z.string().min(1).optional(),
});

const storedState = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('sealed'), sealedKek: z.string().min(1) }),
  z.object({ mode: z.literal('passphrase'), state: passphraseState }),
  z.object({ mode: z.literal('key-file'), check: z.string().min(1) }),
]);
type StoredState = z.infer<typeof storedState>;

const CHECK = 'bulwark-kms-key-file-check';
const ROW = 'file';

/**
 * Opens the file keyring for a server. Modes, fixed when the first KMS start records them:
 * `passphrase` (BULWARK_KMS_PASSPHRASE → scrypt), `key-file` (BULWARK_KMS_ROOT_KEY_FILE, mode 0600),
 * or by default `sealed` (a random key-encryption key sealed by the server root key).
 * A wrong passphrase or key file fails closed.
 */
export async function openFileKeyring(db: Kysely<KmsTables>, sealer: Sealer, env: NodeJS.ProcessEnv): Promise<Keyring> {
  const parsed = fileKeyringConfig.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BulwarkError('InvalidConfig', { field: issue.path.join('.'), origin: ' (environment)', reason: issue.message });
  }
  const config = parsed.data;
  const wanted: StoredState['mode'] = config.BULWARK_KMS_PASSPHRASE ? 'passphrase' : config.BULWARK_KMS_ROOT_KEY_FILE ? 'key-file' : 'sealed';
  const row = await db.selectFrom('kms_keyring_state').select('value').where('name', '=', ROW).executeTakeFirst();
  let stored: StoredState | undefined;
  if (row) {
    const state = storedState.safeParse(JSON.parse(row.value));
    if (!state.success) throw new BulwarkError('Kms.Keyring.Unavailable', { backend: 'file', reason: 'stored keyring state is corrupt' });
    stored = state.data;
    if (stored.mode !== wanted) {
      const hint = stored.mode === 'passphrase' ? 'set BULWARK_KMS_PASSPHRASE' : stored.mode === 'key-file' ? 'set BULWARK_KMS_ROOT_KEY_FILE' : 'unset BULWARK_KMS_PASSPHRASE and BULWARK_KMS_ROOT_KEY_FILE';
      throw new BulwarkError('Kms.Keyring.Unavailable', { backend: 'file', reason: `the keyring was created in ${stored.mode} mode; ${hint}` });
    }
  }
  let kek: Buffer;
  let next: StoredState | undefined;
  if (wanted === 'passphrase') {
    const out = await kekFromPassphrase(config.BULWARK_KMS_PASSPHRASE!, stored?.mode === 'passphrase' ? stored.state : undefined);
    kek = out.kek;
    if (!stored) next = { mode: 'passphrase', state: out.state };
  } else if (wanted === 'key-file') {
    kek = kekFromKeyFile(config.BULWARK_KMS_ROOT_KEY_FILE!);
    const ring = createFileKeyring(kek);
    if (stored?.mode === 'key-file') {
      try {
        await ring.unwrap(stored.check, CHECK);
      } catch {
        throw new BulwarkError('Kms.Keyring.Unavailable', { backend: 'file', reason: 'BULWARK_KMS_ROOT_KEY_FILE holds a different key than the one the keyring was created with' });
      }
    } else next = { mode: 'key-file', check: await ring.wrap(Buffer.from(CHECK), CHECK) };
  } else if (stored?.mode === 'sealed') {
    kek = Buffer.from(sealer.open(stored.sealedKek, 'kms-keyring-kek'), 'base64');
  } else {
    kek = randomBytes(32);
    next = { mode: 'sealed', sealedKek: sealer.seal(kek.toString('base64'), 'kms-keyring-kek') };
  }
  if (next) await db.insertInto('kms_keyring_state').values({ name: ROW, value: JSON.stringify(next) }).execute();
  const keyring = createFileKeyring(kek);
  kek.fill(0);
  return keyring;
}
