import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { IamTables } from '../../iam/tables.js';

/**
 * Per-account choice of what happens to a confirmed leaked AccessKey, kept in `iam_settings`:
 * `automatic` (default) sets it Inactive at once; `ask` only raises the alert for a human to act.
 */
export const LEAK_RESPONSE_SETTING = 'leak-response';
export const leakResponseSchema = z.object({ mode: z.enum(['automatic', 'ask']) });
export type LeakResponseMode = z.infer<typeof leakResponseSchema>['mode'];
export const DEFAULT_LEAK_RESPONSE: LeakResponseMode = 'automatic';

export async function getLeakResponse(db: Kysely<IamTables>, accountId: string): Promise<LeakResponseMode> {
  const row = await db.selectFrom('iam_settings').select('value').where('account_id', '=', accountId).where('name', '=', LEAK_RESPONSE_SETTING).executeTakeFirst();
  if (!row) return DEFAULT_LEAK_RESPONSE;
  try {
    const parsed = leakResponseSchema.safeParse(JSON.parse(row.value));
    // A hand-edited, unreadable value falls back to the safe default.
    return parsed.success ? parsed.data.mode : DEFAULT_LEAK_RESPONSE;
  } catch {
    return DEFAULT_LEAK_RESPONSE;
  }
}

/** Writes the setting (inside the caller's transaction, next to its audit record). */
export async function setLeakResponse(db: Kysely<IamTables>, accountId: string, mode: LeakResponseMode, at: string): Promise<void> {
  const value = JSON.stringify({ mode });
  const r = await db.updateTable('iam_settings').set({ value, updated_at: at }).where('account_id', '=', accountId).where('name', '=', LEAK_RESPONSE_SETTING).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) await db.insertInto('iam_settings').values({ account_id: accountId, name: LEAK_RESPONSE_SETTING, value, updated_at: at }).execute();
}
