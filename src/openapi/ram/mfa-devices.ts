import { z } from 'zod';
import type { Caller } from '../../iam/caller.js';
import { bindMFADevice, createVirtualMFADevice, deleteVirtualMFADevice, deviceNameOf, getUserMFAInfo, listVirtualMFADevices, unbindMFADevice } from '../../iam/mfa-devices.js';
import * as names from '../../iam/names.js';
import type { AnyActionDef } from '../action.js';
import { ramAction, ramArn, selfService } from './common.js';

const deviceName = z.string().min(1).max(64).regex(/^[A-Za-z0-9.-]+$/, 'expected 1–64 characters of A–Z a–z 0–9 . -');
const serialNumber = z.string().min(1).max(128);
const code = z.string().regex(/^\d{6}$/, 'expected a 6-digit code');
const user = z.object({ UserName: names.userName });

/** The device ARN within the caller's account (a serial of another account names nothing here). */
const deviceArn = (serial: string, c: Caller): string => ramArn(c, 'mfa', deviceNameOf(c.accountId, serial) ?? serial.split('/').pop() ?? '');

export const mfaDeviceActions: AnyActionDef[] = [
  ramAction('CreateVirtualMFADevice', 'Write', z.object({ VirtualMFADeviceName: deviceName }), (i, c) => ramArn(c, 'mfa', i.VirtualMFADeviceName), async (ctx, i) => ({ VirtualMFADevice: await createVirtualMFADevice(ctx, i) })),
  ramAction('ListVirtualMFADevices', 'Read', z.object({}), (_i, c) => ramArn(c, 'mfa', '*'), async (ctx) => ({ VirtualMFADevices: { VirtualMFADevice: await listVirtualMFADevices(ctx) } })),
  ramAction('DeleteVirtualMFADevice', 'Write', z.object({ SerialNumber: serialNumber }), (i, c) => deviceArn(i.SerialNumber, c), async (ctx, i) => {
    await deleteVirtualMFADevice(ctx, i);
    return {};
  }),
  selfService(
    ramAction(
      'BindMFADevice',
      'Write',
      user.extend({ SerialNumber: serialNumber, AuthenticationCode1: code, AuthenticationCode2: code }),
      (i, c) => [ramArn(c, 'user', i.UserName), deviceArn(i.SerialNumber, c)],
      async (ctx, i) => {
        await bindMFADevice(ctx, i);
        return {};
      },
    ),
    'MFADevices',
    (i, c) => i.UserName === c.principalName,
  ),
  selfService(ramAction('UnbindMFADevice', 'Write', user, (i, c) => ramArn(c, 'user', i.UserName), async (ctx, i) => ({ MFADevice: await unbindMFADevice(ctx, i) })), 'MFADevices', (i, c) => i.UserName === c.principalName),
  selfService(ramAction('GetUserMFAInfo', 'Read', user, (i, c) => ramArn(c, 'user', i.UserName), async (ctx, i) => ({ MFADevice: await getUserMFAInfo(ctx, i) })), 'MFADevices', (i, c) => i.UserName === c.principalName),
];
