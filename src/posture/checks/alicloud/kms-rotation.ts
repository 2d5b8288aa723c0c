import { fail, isUnknown, na, pass, resourceCheck } from './kit.js';

const YEAR_SECONDS = 365 * 24 * 3600;
const UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `7d`, `8760h`, `31536000s` → seconds. */
export function intervalSeconds(v: string): number | undefined {
  const m = /^(\d+)\s*([smhd])$/.exec(v.trim());
  return m ? Number(m[1]) * UNIT[m[2]!]! : undefined;
}

export const kmsRotation = resourceCheck(
  {
    id: 'BWK-KMS-001',
    title: 'KMS key automatic rotation is off or longer than a year',
    severity: 'medium',
    resourceTypes: ['alicloud_kms_key'],
    rationale: 'Rotating key material at least yearly bounds how much data one key version protects and how long a leaked version stays useful.',
    remediation: {
      console: 'KMS console → Keys → the key → Automatic rotation: enable, period ≤ 365 days.',
      terraform: 'resource "alicloud_kms_key" "k" {\n  automatic_rotation = "Enabled"\n  rotation_interval  = "365d"\n}',
      cli: 'aliyun kms UpdateRotationPolicy --KeyId <key> --EnableAutomaticRotation true --RotationInterval 31536000s   # or: bulwark kms update-rotation-policy',
    },
  },
  (r) => {
    const spec = r.attributes.key_spec;
    if (typeof spec === 'string' && !/^Aliyun_(AES|SM4)/i.test(spec)) return na(`${spec} keys (asymmetric) do not rotate automatically`);
    const rot = r.attributes.automatic_rotation;
    if (isUnknown(rot)) return na('automatic_rotation is only known at apply time');
    if (rot !== 'Enabled') return fail(['automatic_rotation'], rot === undefined ? 'automatic rotation is not enabled (default Disabled)' : `automatic_rotation = ${String(rot)}`);
    const interval = r.attributes.rotation_interval;
    if (typeof interval !== 'string') return pass();
    const seconds = intervalSeconds(interval);
    return seconds !== undefined && seconds > YEAR_SECONDS ? fail(['rotation_interval'], `rotation interval ${interval} is longer than a year`, { rotation_interval: interval, seconds }) : pass();
  },
);
