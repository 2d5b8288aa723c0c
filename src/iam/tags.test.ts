import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { iamFixture, testDialects, type IamFixture } from '../openapi/test-support/iam-fixture.js';
import { createPolicy, deletePolicy } from './policies.js';
import { listTagResources, tagResources, untagResources } from './tags.js';
import { createUser } from './users.js';

describe.each(testDialects())('on %s', (dialect) => {
  let f: IamFixture;
  beforeEach(async () => {
    f = await iamFixture({ dialect });
  });
  afterEach(async () => f.close());

  describe('tags', () => {
    it('tags users and policies, overwrites values, lists, filters, pages and untags', async () => {
      const ctx = f.ctx();
      await createUser(ctx, { UserName: 'u1' });
      await createUser(ctx, { UserName: 'u2' });
      await createPolicy(ctx, { PolicyName: 'p1', PolicyDocument: JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'ecs:Describe*', Resource: '*' }] }) });
      await tagResources(ctx, { ResourceType: 'user', ResourceNames: ['u1', 'u2'], Tag: [{ Key: 'team', Value: 'a' }, { Key: 'cost', Value: '1' }] });
      await tagResources(ctx, { ResourceType: 'user', ResourceNames: ['u2'], Tag: [{ Key: 'team', Value: 'b' }] });
      await tagResources(ctx, { ResourceType: 'policy', ResourceNames: ['p1'], Tag: [{ Key: 'k' }] });
      await expect(tagResources(ctx, { ResourceType: 'role', ResourceNames: ['nope'], Tag: [{ Key: 'k' }] })).rejects.toMatchObject({ code: 'EntityNotExist.Role' });
      await expect(tagResources(ctx, { ResourceType: 'policy', ResourceNames: ['AdministratorAccess'], Tag: [{ Key: 'k' }] })).rejects.toMatchObject({ code: 'EntityNotExist.Policy' });

      const users = await listTagResources(ctx, { ResourceType: 'user', PageSize: 100 });
      expect(users.items.map((t) => `${t.ResourceName}:${t.TagKey}=${t.TagValue}`)).toEqual(['u1:cost=1', 'u1:team=a', 'u2:cost=1', 'u2:team=b']);
      const filtered = await listTagResources(ctx, { ResourceType: 'user', Tag: [{ Key: 'team', Value: 'b' }], PageSize: 100 });
      expect(filtered.items.map((t) => t.ResourceName)).toEqual(['u2', 'u2']);
      const page1 = await listTagResources(ctx, { ResourceType: 'user', PageSize: 3 });
      expect(page1.items).toHaveLength(3);
      const page2 = await listTagResources(ctx, { ResourceType: 'user', PageSize: 3, NextToken: page1.nextToken });
      expect(page2.items.map((t) => `${t.ResourceName}:${t.TagKey}`)).toEqual(['u2:team']);
      expect(page2.nextToken).toBe('');
      expect((await listTagResources(ctx, { ResourceType: 'policy', ResourceNames: ['p1'], PageSize: 10 })).items).toEqual([{ ResourceType: 'policy', ResourceName: 'p1', TagKey: 'k', TagValue: '' }]);

      await untagResources(ctx, { ResourceType: 'user', ResourceNames: ['u1'], TagKeys: ['team'] });
      await untagResources(ctx, { ResourceType: 'user', ResourceNames: ['u2'], All: true });
      expect((await listTagResources(ctx, { ResourceType: 'user', PageSize: 100 })).items.map((t) => `${t.ResourceName}:${t.TagKey}`)).toEqual(['u1:cost']);
      await expect(untagResources(ctx, { ResourceType: 'user', ResourceNames: ['u1'] })).rejects.toMatchObject({ code: 'MissingParameter' });
      // a deleted resource takes its tags with it
      await deletePolicy(ctx, { PolicyName: 'p1' });
      const left = await f.platform.storage.db<{ iam_tags: { resource_type: string } }>().selectFrom('iam_tags').selectAll().where('resource_type', '=', 'policy').execute();
      expect(left).toEqual([]);
    });

    it('keeps at most 20 tags per resource', async () => {
      const ctx = f.ctx();
      await createUser(ctx, { UserName: 'u' });
      const tags = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ Key: `k${from + i}`, Value: 'v' }));
      await tagResources(ctx, { ResourceType: 'user', ResourceNames: ['u'], Tag: tags(0, 15) });
      await expect(tagResources(ctx, { ResourceType: 'user', ResourceNames: ['u'], Tag: tags(15, 6) })).rejects.toMatchObject({ code: 'LimitExceeded.Tag' });
      // overwriting existing keys does not count twice
      await tagResources(ctx, { ResourceType: 'user', ResourceNames: ['u'], Tag: [...tags(10, 5), ...tags(15, 5)] });
      expect((await listTagResources(ctx, { ResourceType: 'user', PageSize: 100 })).items).toHaveLength(20);
    });
  });
});
