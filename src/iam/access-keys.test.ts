import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { iamFixture, type IamFixture } from '../openapi/test-support/iam-fixture.js';
import { createAccessKey, deleteAccessKey, listAccessKeys } from './access-keys.js';

let f: IamFixture;
beforeEach(async () => {
  f = await iamFixture();
});
afterEach(async () => f.close());

describe('AccessKeys of the root identity', () => {
  it('cannot be listed, created or deleted by an assumed role that omits UserName', async () => {
    const rootKeys = await listAccessKeys(f.ctx(), {});
    expect(rootKeys).toHaveLength(1);
    const role = f.ctx({ principalType: 'role', principalId: '1234567890123456', principalName: 'Deployer', sessionName: 's' });
    await expect(listAccessKeys(role, {})).rejects.toMatchObject({ code: 'MissingParameter' });
    await expect(createAccessKey(role, {})).rejects.toMatchObject({ code: 'MissingParameter' });
    await expect(deleteAccessKey(role, { UserAccessKeyId: rootKeys[0]!.AccessKeyId })).rejects.toMatchObject({ code: 'MissingParameter' });
    expect(await listAccessKeys(f.ctx(), {})).toHaveLength(1);
  });
});
