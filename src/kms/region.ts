import { z } from 'zod';
import { BulwarkError } from '../core/errors.js';

const regionId = z.string().regex(/^[a-z0-9-]{2,32}$/);

/**
 * The region of this server's KMS, used in ARNs (`acs:kms:<region>:<account>:key/<id>`) and stored
 * with keys. The front door strips `RegionId` as a protocol parameter (SDKs put the region in the
 * endpoint), so one server serves one region: `BULWARK_KMS_REGION`, default `cn-hangzhou`.
 */
export function kmsRegion(env: NodeJS.ProcessEnv = process.env): string {
  const value = env.BULWARK_KMS_REGION ?? 'cn-hangzhou';
  const parsed = regionId.safeParse(value);
  if (!parsed.success) throw new BulwarkError('InvalidConfig', { field: 'BULWARK_KMS_REGION', origin: '', reason: 'expected a region id such as cn-hangzhou' });
  return parsed.data;
}

export const KMS_REGION = kmsRegion();
