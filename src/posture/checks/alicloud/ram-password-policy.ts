/** Builder for the RAM account password policy checks (one setting each). */
import type { CheckMeta } from '../../check.js';
import { expectAttr, resourceCheck, type IacCheck } from './kit.js';

export function passwordPolicyCheck(
  meta: Omit<CheckMeta, 'source' | 'resourceTypes' | 'remediation' | 'severity'> & { severity?: CheckMeta['severity'] },
  setting: { name: string; ok: (v: unknown) => boolean; missing: 'pass' | 'fail'; message: string; example: string },
): IacCheck {
  return resourceCheck(
    {
      severity: 'medium',
      ...meta,
      resourceTypes: ['alicloud_ram_account_password_policy'],
      remediation: {
        console: 'RAM console → Settings → Security settings → Password strength settings → Edit.',
        terraform: `resource "alicloud_ram_account_password_policy" "corporate" {\n  ${setting.name} = ${setting.example}\n}`,
        cli: `aliyun ram SetPasswordPolicy --${setting.name.split('_').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('')} ${setting.example.replace(/"/g, '')}   # or: bulwark ram set-password-policy`,
      },
    },
    (r) => expectAttr(r, setting.name, setting.ok, { missing: setting.missing, message: setting.message }),
  );
}
