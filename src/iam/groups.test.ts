import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { iamFixture, testDialects, type IamFixture } from '../openapi/test-support/iam-fixture.js';
import { attachPolicy, detachPolicy } from './attachments.js';
import { addUserToGroup, createGroup, deleteGroup, getGroup, listGroups, listGroupsForUser, listUsersForGroup, removeUserFromGroup, updateGroup } from './groups.js';
import { createUser } from './users.js';

describe.each(testDialects())('on %s', (dialect) => {
  let f: IamFixture;
  beforeEach(async () => {
    f = await iamFixture({ dialect });
  });
  afterEach(async () => f.close());

  describe('groups', () => {
    it('creates, renames, pages and refuses duplicates', async () => {
      const ctx = f.ctx();
      const created = await createGroup(ctx, { GroupName: 'dev', Comments: 'developers' });
      expect(created).toMatchObject({ GroupName: 'dev', Comments: 'developers', CreateDate: '2026-01-01T00:00:00Z' });
      expect(created.GroupId).toMatch(/^\d{16}$/);
      await expect(createGroup(ctx, { GroupName: 'dev' })).rejects.toMatchObject({ code: 'EntityAlreadyExists.Group' });
      await expect(createGroup(ctx, { GroupName: 'DEV' })).rejects.toMatchObject({ code: 'EntityAlreadyExists.Group' });
      for (const n of ['a', 'b', 'c']) await createGroup(ctx, { GroupName: n });
      await expect(updateGroup(ctx, { GroupName: 'a', NewGroupName: 'dev' })).rejects.toMatchObject({ code: 'EntityAlreadyExists.Group' });
      f.clock.advance(60_000);
      const renamed = await updateGroup(ctx, { GroupName: 'dev', NewGroupName: 'devs', NewComments: 'all devs' });
      expect(renamed).toMatchObject({ GroupName: 'devs', Comments: 'all devs', GroupId: created.GroupId, UpdateDate: '2026-01-01T00:01:00Z' });
      await expect(getGroup(ctx, { GroupName: 'dev' })).rejects.toMatchObject({ code: 'EntityNotExist.Group' });
      const first = await listGroups(ctx, { MaxItems: 3 });
      expect(first.items.map((g) => g.GroupName)).toEqual(['a', 'b', 'c']);
      expect(first.isTruncated).toBe(true);
      const second = await listGroups(ctx, { MaxItems: 3, Marker: first.marker });
      expect(second.items.map((g) => g.GroupName)).toEqual(['devs']);
      expect(second.isTruncated).toBe(false);
    });

    it('manages membership, invalidates the authorizer and blocks deleting non-empty groups', async () => {
      const ctx = f.ctx();
      await createGroup(ctx, { GroupName: 'ops' });
      await createUser(ctx, { UserName: 'alice', DisplayName: 'Alice' });
      await createUser(ctx, { UserName: 'bob' });
      await addUserToGroup(ctx, { GroupName: 'ops', UserName: 'alice' });
      await addUserToGroup(ctx, { GroupName: 'ops', UserName: 'bob' });
      expect(ctx.invalidated).toEqual(['membership', 'membership']);
      await expect(addUserToGroup(ctx, { GroupName: 'ops', UserName: 'alice' })).rejects.toMatchObject({ code: 'EntityAlreadyExists.User.Group' });
      await expect(addUserToGroup(ctx, { GroupName: 'ops', UserName: 'carol' })).rejects.toMatchObject({ code: 'EntityNotExist.User' });
      expect((await listGroupsForUser(ctx, { UserName: 'alice' })).map((g) => g.GroupName)).toEqual(['ops']);
      const page = await listUsersForGroup(ctx, { GroupName: 'ops', MaxItems: 1 });
      expect(page.items).toEqual([{ UserName: 'alice', DisplayName: 'Alice', JoinDate: '2026-01-01T00:00:00Z' }]);
      expect((await listUsersForGroup(ctx, { GroupName: 'ops', MaxItems: 1, Marker: page.marker })).items.map((u) => u.UserName)).toEqual(['bob']);

      await expect(deleteGroup(ctx, { GroupName: 'ops' })).rejects.toMatchObject({ code: 'DeleteConflict.Group.User' });
      await removeUserFromGroup(ctx, { GroupName: 'ops', UserName: 'alice' });
      await removeUserFromGroup(ctx, { GroupName: 'ops', UserName: 'bob' });
      await expect(removeUserFromGroup(ctx, { GroupName: 'ops', UserName: 'bob' })).rejects.toMatchObject({ code: 'EntityNotExist.User.Group' });
      await attachPolicy(ctx, 'Group', { PolicyType: 'System', PolicyName: 'ReadOnlyAccess', PrincipalName: 'ops' });
      await expect(deleteGroup(ctx, { GroupName: 'ops' })).rejects.toMatchObject({ code: 'DeleteConflict.Group.Policy' });
      await detachPolicy(ctx, 'Group', { PolicyType: 'System', PolicyName: 'ReadOnlyAccess', PrincipalName: 'ops' });
      await deleteGroup(ctx, { GroupName: 'ops' });
      await expect(getGroup(ctx, { GroupName: 'ops' })).rejects.toMatchObject({ code: 'EntityNotExist.Group' });
    });

    it('keeps a user in at most 10 groups', async () => {
      const ctx = f.ctx();
      await createUser(ctx, { UserName: 'busy' });
      for (let i = 0; i < 11; i++) await createGroup(ctx, { GroupName: `g${i}` });
      for (let i = 0; i < 10; i++) await addUserToGroup(ctx, { GroupName: `g${i}`, UserName: 'busy' });
      await expect(addUserToGroup(ctx, { GroupName: 'g10', UserName: 'busy' })).rejects.toMatchObject({ code: 'LimitExceeded.User.Group' });
      await removeUserFromGroup(ctx, { GroupName: 'g0', UserName: 'busy' });
      await addUserToGroup(ctx, { GroupName: 'g10', UserName: 'busy' });
      expect(await listGroupsForUser(ctx, { UserName: 'busy' })).toHaveLength(10);
    });
  });
});
