import { BulwarkError } from '../core/errors.js';
import type { IamContext } from './context.js';
import { hashPassword, verifyPassword } from './password-hash.js';
import { checkPassword, getPasswordPolicy } from './settings.js';

/**
 * Everything that must hold when a user's password changes: the policy's length and classes, no
 * reuse of the last `PasswordReusePrevention` passwords, and the history kept for the next check.
 * Returns the new hash; the caller stores it with `password_changed_at`.
 */
export async function newPasswordHash(ctx: IamContext, userId: string, password: string, currentHash: string | undefined): Promise<string> {
  const policy = await getPasswordPolicy(ctx);
  checkPassword(policy, password);
  const keep = policy.PasswordReusePrevention;
  if (keep > 0) {
    const previous = await ctx.db.selectFrom('iam_password_history').select('password_hash').where('user_id', '=', userId).orderBy('created_at', 'desc').limit(keep).execute();
    const candidates = [...(currentHash ? [currentHash] : []), ...previous.map((p) => p.password_hash)].slice(0, keep);
    for (const old of candidates) if (await verifyPassword(password, old)) throw new BulwarkError('Password.Reused', { count: keep });
  }
  if (currentHash) await ctx.db.insertInto('iam_password_history').values({ user_id: userId, password_hash: currentHash, created_at: ctx.clock.now().toISOString() }).execute();
  // keep at most 24 (the policy's maximum) old hashes per user
  const stale = await ctx.db.selectFrom('iam_password_history').select('created_at').where('user_id', '=', userId).orderBy('created_at', 'desc').offset(24).limit(1000).execute();
  if (stale.length > 0) await ctx.db.deleteFrom('iam_password_history').where('user_id', '=', userId).where('created_at', '<=', stale[0]!.created_at).execute();
  return hashPassword(password);
}

/** Days since the password was set, against `MaxPasswordAge` (0 = never expires). */
export function passwordExpired(maxAgeDays: number, changedAt: string, now: Date): boolean {
  if (maxAgeDays <= 0) return false;
  return now.getTime() - Date.parse(changedAt) > maxAgeDays * 86_400_000;
}
