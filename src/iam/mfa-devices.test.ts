import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { iamFixture, testDialects, type IamFixture } from '../openapi/test-support/iam-fixture.js';
import { bindMFADevice, createVirtualMFADevice, deleteVirtualMFADevice, getUserMFAInfo, listVirtualMFADevices, unbindMFADevice } from './mfa-devices.js';
import { base32Decode, hotp, timeStep } from './totp.js';
import { createUser, deleteUser } from './users.js';

describe.each(testDialects())('on %s', (dialect) => {
  let f: IamFixture;
  beforeEach(async () => {
    f = await iamFixture({ start: new Date('2026-03-01T12:00:10Z'), dialect });
  });
  afterEach(async () => f.close());

  describe('virtual MFA devices', () => {
    it('creates a device with a sealed seed, binds it with two consecutive codes, unbinds and deletes', async () => {
      const ctx = f.ctx();
      const user = await createUser(ctx, { UserName: 'alice', DisplayName: 'Alice' });
      const device = await createVirtualMFADevice(ctx, { VirtualMFADeviceName: 'phone' });
      expect(device.SerialNumber).toBe(`acs:ram::${f.accountId}:mfa/phone`);
      expect(device.Base32StringSeed).toMatch(/^[A-Z2-7]{32}$/);
      const uri = Buffer.from(device.QRCodePNG, 'base64').toString('utf8');
      expect(uri).toContain(`secret=${device.Base32StringSeed}`);
      expect(uri.startsWith('otpauth://totp/')).toBe(true);
      const row = await f.platform.storage.db<{ iam_mfa_devices: { serial_number: string; secret_sealed: string } }>().selectFrom('iam_mfa_devices').selectAll().executeTakeFirstOrThrow();
      expect(row.secret_sealed).not.toContain(device.Base32StringSeed);
      await expect(createVirtualMFADevice(ctx, { VirtualMFADeviceName: 'phone' })).rejects.toMatchObject({ code: 'EntityAlreadyExists.VirtualMFADevice' });

      const seed = base32Decode(device.Base32StringSeed)!;
      const t = timeStep(f.clock.now().getTime());
      const bind = (c1: string, c2: string) => bindMFADevice(ctx, { UserName: 'alice', SerialNumber: device.SerialNumber, AuthenticationCode1: c1, AuthenticationCode2: c2 });
      await expect(bind(hotp(seed, t), hotp(seed, t))).rejects.toMatchObject({ code: 'InvalidParameter.MFA.Code' });
      await expect(bind('123456', '654321')).rejects.toMatchObject({ code: 'InvalidParameter.MFA.Code' });
      expect(await listVirtualMFADevices(ctx)).toEqual([{ SerialNumber: device.SerialNumber }]);
      await bind(hotp(seed, t - 1), hotp(seed, t));
      expect(await getUserMFAInfo(ctx, { UserName: 'alice' })).toEqual({ SerialNumber: device.SerialNumber, Type: 'VMFA' });
      expect(await listVirtualMFADevices(ctx)).toEqual([{ SerialNumber: device.SerialNumber, ActivateDate: '2026-03-01T12:00:10Z', User: { UserId: user.UserId, UserName: 'alice', DisplayName: 'Alice' } }]);

      // one device per user, one user per device; a bound device cannot be deleted nor its user
      const spare = await createVirtualMFADevice(ctx, { VirtualMFADeviceName: 'spare' });
      const spareSeed = base32Decode(spare.Base32StringSeed)!;
      await expect(bindMFADevice(ctx, { UserName: 'alice', SerialNumber: spare.SerialNumber, AuthenticationCode1: hotp(spareSeed, t - 1), AuthenticationCode2: hotp(spareSeed, t) })).rejects.toMatchObject({ code: 'EntityAlreadyExists.User.MFADevice' });
      await createUser(ctx, { UserName: 'bob' });
      await expect(bindMFADevice(ctx, { UserName: 'bob', SerialNumber: device.SerialNumber, AuthenticationCode1: hotp(seed, t - 1), AuthenticationCode2: hotp(seed, t) })).rejects.toMatchObject({ code: 'EntityAlreadyExists.VirtualMFADevice' });
      await expect(deleteVirtualMFADevice(ctx, { SerialNumber: device.SerialNumber })).rejects.toMatchObject({ code: 'DeleteConflict.VirtualMFADevice.Bound' });
      await expect(deleteUser(ctx, { UserName: 'alice' })).rejects.toMatchObject({ code: 'DeleteConflict.User.MFADevice' });

      expect(await unbindMFADevice(ctx, { UserName: 'alice' })).toEqual({ SerialNumber: device.SerialNumber });
      await expect(getUserMFAInfo(ctx, { UserName: 'alice' })).rejects.toMatchObject({ code: 'EntityNotExist.User.MFADevice' });
      await deleteVirtualMFADevice(ctx, { SerialNumber: device.SerialNumber });
      await expect(deleteVirtualMFADevice(ctx, { SerialNumber: device.SerialNumber })).rejects.toMatchObject({ code: 'EntityNotExist.VirtualMFADevice' });
      await deleteUser(ctx, { UserName: 'alice' });
    });
  });
});
