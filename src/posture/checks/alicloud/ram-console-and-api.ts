import { resourcesOf } from '../../iac/resource.js';
import { fail, pass, resourceCheck } from './kit.js';

export const ramConsoleAndApi = resourceCheck(
  {
    id: 'BWK-RAM-012',
    title: 'RAM user has both console access and an AccessKey',
    severity: 'medium',
    resourceTypes: ['alicloud_ram_access_key'],
    rationale: 'People sign in to the console; programs use AccessKeys. Mixing them on one identity widens what a leaked key or password can do.',
    remediation: {
      console: 'RAM console → the user → Authentication: keep either console logon or the AccessKey; create a separate program user for API access.',
      terraform: '# a dedicated program user without alicloud_ram_login_profile holds the alicloud_ram_access_key',
      cli: 'aliyun ram DeleteLoginProfile --UserName <user>',
    },
  },
  (key, input) => {
    const user = key.attributes.user_name;
    const profile = resourcesOf(input, 'alicloud_ram_login_profile').find((p) => p.attributes.user_name === user && typeof user === 'string');
    return profile ? fail(['user_name'], `user ${String(user)} also has console access (${profile.address})`) : pass();
  },
);
