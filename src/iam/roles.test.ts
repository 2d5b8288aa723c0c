import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { iamFixture, testDialects, type IamFixture } from '../openapi/test-support/iam-fixture.js';
import { attachPolicy, detachPolicy } from './attachments.js';
import { createRole, deleteRole, getRole, listRoles, updateRole } from './roles.js';
import { listTagResources } from './tags.js';

const trust = (principal: Record<string, unknown>) => JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: principal }] });

describe.each(testDialects())('on %s', (dialect) => {
  let f: IamFixture;
  beforeEach(async () => {
    f = await iamFixture({ dialect });
  });
  afterEach(async () => f.close());

  describe('roles', () => {
    it('creates a role with a validated trust policy, lower-cased ARN and default session duration', async () => {
      const ctx = f.ctx();
      const doc = trust({ Service: ['ecs.aliyuncs.com'] });
      const role = await createRole(ctx, { RoleName: 'ECSAdmin', AssumeRolePolicyDocument: doc, Description: 'ecs' });
      expect(role).toMatchObject({ RoleName: 'ECSAdmin', Arn: `acs:ram::${f.accountId}:role/ecsadmin`, MaxSessionDuration: 3600, AssumeRolePolicyDocument: doc, Description: 'ecs' });
      await expect(createRole(ctx, { RoleName: 'ECSAdmin', AssumeRolePolicyDocument: doc })).rejects.toMatchObject({ code: 'EntityAlreadyExists.Role' });
      // same ARN (role/ecsadmin): refused too
      await expect(createRole(ctx, { RoleName: 'ecsadmin', AssumeRolePolicyDocument: doc })).rejects.toMatchObject({ code: 'EntityAlreadyExists.Role' });
      // an identity policy (no Principal) is not a trust policy
      const identity = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'ecs:*', Resource: '*' }] });
      await expect(createRole(ctx, { RoleName: 'Bad', AssumeRolePolicyDocument: identity })).rejects.toMatchObject({ code: 'MalformedPolicyDocument' });
      await expect(createRole(ctx, { RoleName: 'Bad', AssumeRolePolicyDocument: doc, MaxSessionDuration: 3599 })).rejects.toMatchObject({ code: 'InvalidParameter' });
      await expect(createRole(ctx, { RoleName: 'Bad', AssumeRolePolicyDocument: doc, MaxSessionDuration: 43201 })).rejects.toMatchObject({ code: 'InvalidParameter' });
      expect((await createRole(ctx, { RoleName: 'Long', AssumeRolePolicyDocument: doc, MaxSessionDuration: 43200 })).MaxSessionDuration).toBe(43200);
    });

    it('updates, lists with tag filters and deletes only when no policy is attached', async () => {
      const ctx = f.ctx();
      const doc = trust({ RAM: [`acs:ram::${f.accountId}:root`] });
      await createRole(ctx, { RoleName: 'a', AssumeRolePolicyDocument: doc, Tag: [{ Key: 'env', Value: 'prod' }] });
      await createRole(ctx, { RoleName: 'b', AssumeRolePolicyDocument: doc, Tag: [{ Key: 'env', Value: 'dev' }] });
      await createRole(ctx, { RoleName: 'c', AssumeRolePolicyDocument: doc });
      const updated = await updateRole(ctx, { RoleName: 'a', NewMaxSessionDuration: 7200, NewDescription: 'changed', NewAssumeRolePolicyDocument: trust({ Service: 'fc.aliyuncs.com' }) });
      expect(updated).toMatchObject({ MaxSessionDuration: 7200, Description: 'changed' });
      expect((await getRole(ctx, { RoleName: 'a' })).AssumeRolePolicyDocument).toContain('fc.aliyuncs.com');
      await expect(updateRole(ctx, { RoleName: 'a', NewAssumeRolePolicyDocument: '{"Version":"1"' })).rejects.toMatchObject({ code: 'MalformedPolicyDocument' });

      const all = await listRoles(ctx, { MaxItems: 2 });
      expect(all.items.map((r) => r.RoleName)).toEqual(['a', 'b']);
      expect(all.items[0]!.Tags.Tag).toEqual([{ TagKey: 'env', TagValue: 'prod' }]);
      expect((await listRoles(ctx, { MaxItems: 2, Marker: all.marker })).items.map((r) => r.RoleName)).toEqual(['c']);
      expect((await listRoles(ctx, { MaxItems: 1, Tag: [{ Key: 'env', Value: 'dev' }] })).items.map((r) => r.RoleName)).toEqual(['b']);
      expect((await listRoles(ctx, { MaxItems: 10, Tag: [{ Key: 'env' }] })).items.map((r) => r.RoleName)).toEqual(['a', 'b']);

      await attachPolicy(ctx, 'Role', { PolicyType: 'System', PolicyName: 'ReadOnlyAccess', PrincipalName: 'a' });
      await expect(deleteRole(ctx, { RoleName: 'a' })).rejects.toMatchObject({ code: 'DeleteConflict.Role.Policy' });
      await detachPolicy(ctx, 'Role', { PolicyType: 'System', PolicyName: 'ReadOnlyAccess', PrincipalName: 'a' });
      await deleteRole(ctx, { RoleName: 'a' });
      await expect(getRole(ctx, { RoleName: 'a' })).rejects.toMatchObject({ code: 'EntityNotExist.Role' });
      // its tags went with it
      expect((await listTagResources(ctx, { ResourceType: 'role', PageSize: 100 })).items.map((t) => t.ResourceName)).toEqual(['b']);
    });
  });
});
