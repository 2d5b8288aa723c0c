import { BulwarkError } from '../core/errors.js';
import { now, type IamContext } from './context.js';
import type { IamTables } from './tables.js';
import { base32Decode, newTotpSeed, otpauthUri, verifyConsecutiveCodes } from './totp.js';
import { requireUser } from './users.js';

type DeviceRow = IamTables['iam_mfa_devices'];

/** The sealing context binds a TOTP seed to its device. */
export const MAX_MFA_DEVICES_PER_ACCOUNT = 5000;

export const mfaSealContext = (serial: string): string => `iam/mfa/${serial}`;

export function mfaSerial(accountId: string, name: string): string {
  return `acs:ram::${accountId}:mfa/${name}`;
}

/** The device name a serial number names within the caller's account, or undefined for any other account. */
export function deviceNameOf(accountId: string, serial: string): string | undefined {
  const prefix = `acs:ram::${accountId}:mfa/`;
  return serial.startsWith(prefix) ? serial.slice(prefix.length) : undefined;
}

export interface CreatedVirtualMFADevice {
  SerialNumber: string;
  Base32StringSeed: string;
  /**
   * Alibaba returns a PNG of the provisioning QR code (base64). Bulwark returns the base64 of the
   * `otpauth://` URI itself (no QR encoder is bundled); any QR tool renders it. See docs/api-compatibility.md.
   */
  QRCodePNG: string;
}

/** Creates an unbound virtual MFA device; the seed is returned here only and stored sealed. */
export async function createVirtualMFADevice(ctx: IamContext, input: { VirtualMFADeviceName: string }): Promise<CreatedVirtualMFADevice> {
  const serial = mfaSerial(ctx.caller.accountId, input.VirtualMFADeviceName);
  const clash = await ctx.db.selectFrom('iam_mfa_devices').select('serial_number').where('account_id', '=', ctx.caller.accountId).where('serial_number', '=', serial).executeTakeFirst();
  if (clash) throw new BulwarkError('EntityAlreadyExists.VirtualMFADevice', { name: input.VirtualMFADeviceName });
  const count = await ctx.db.selectFrom('iam_mfa_devices').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', ctx.caller.accountId).executeTakeFirstOrThrow();
  if (Number(count.n) >= MAX_MFA_DEVICES_PER_ACCOUNT) throw new BulwarkError('LimitExceeded.VirtualMFADevice', { max: MAX_MFA_DEVICES_PER_ACCOUNT });
  const seed = newTotpSeed();
  await ctx.db
    .insertInto('iam_mfa_devices')
    .values({ serial_number: serial, account_id: ctx.caller.accountId, name: input.VirtualMFADeviceName, secret_sealed: ctx.sealer.seal(seed, mfaSealContext(serial)), user_id: null, activated_at: null, created_at: now(ctx) })
    .execute();
  const uri = otpauthUri(`${input.VirtualMFADeviceName}@${ctx.caller.accountId}`, 'Bulwark RAM', seed);
  return { SerialNumber: serial, Base32StringSeed: seed, QRCodePNG: Buffer.from(uri, 'utf8').toString('base64') };
}

async function requireDevice(ctx: IamContext, serial: string): Promise<DeviceRow> {
  const row = await ctx.db.selectFrom('iam_mfa_devices').selectAll().where('account_id', '=', ctx.caller.accountId).where('serial_number', '=', serial).executeTakeFirst();
  if (!row) throw new BulwarkError('EntityNotExist.VirtualMFADevice', { serial });
  return row;
}

export async function deleteVirtualMFADevice(ctx: IamContext, input: { SerialNumber: string }): Promise<void> {
  const row = await requireDevice(ctx, input.SerialNumber);
  if (row.user_id !== null) throw new BulwarkError('DeleteConflict.VirtualMFADevice.Bound', { serial: row.serial_number });
  await ctx.db.deleteFrom('iam_mfa_devices').where('serial_number', '=', row.serial_number).where('account_id', '=', ctx.caller.accountId).execute();
}

export interface VirtualMFADeviceView {
  SerialNumber: string;
  ActivateDate?: string;
  User?: { UserId: string; UserName: string; DisplayName: string };
}

export async function listVirtualMFADevices(ctx: IamContext): Promise<VirtualMFADeviceView[]> {
  const rows = await ctx.db
    .selectFrom('iam_mfa_devices as d')
    .leftJoin('iam_users as u', (j) => j.onRef('u.id', '=', 'd.user_id').on('u.account_id', '=', ctx.caller.accountId))
    .select(['d.serial_number', 'd.activated_at', 'd.user_id', 'u.name', 'u.display_name'])
    .where('d.account_id', '=', ctx.caller.accountId)
    .orderBy('d.serial_number')
    .execute();
  return rows.map((r) => ({
    SerialNumber: r.serial_number,
    ...(r.activated_at ? { ActivateDate: r.activated_at } : {}),
    ...(r.user_id && r.name ? { User: { UserId: r.user_id, UserName: r.name, DisplayName: r.display_name ?? '' } } : {}),
  }));
}

/**
 * Binds a device to a user after checking two consecutive TOTP codes (RFC 6238, SHA-1, 30 s,
 * 6 digits) against the device's seed. A user has at most one device; a device one user.
 */
export async function bindMFADevice(ctx: IamContext, input: { UserName: string; SerialNumber: string; AuthenticationCode1: string; AuthenticationCode2: string }): Promise<void> {
  const user = await requireUser(ctx, input.UserName);
  const device = await requireDevice(ctx, input.SerialNumber);
  const bound = await ctx.db.selectFrom('iam_mfa_devices').select('serial_number').where('account_id', '=', ctx.caller.accountId).where('user_id', '=', user.id).executeTakeFirst();
  if (bound) throw new BulwarkError('EntityAlreadyExists.User.MFADevice', { name: user.name });
  if (device.user_id !== null) throw new BulwarkError('EntityAlreadyExists.VirtualMFADevice', { name: device.name });
  const seed = base32Decode(ctx.sealer.open(device.secret_sealed, mfaSealContext(device.serial_number)));
  const step = seed ? verifyConsecutiveCodes(seed, input.AuthenticationCode1, input.AuthenticationCode2, ctx.clock.now().getTime()) : undefined;
  if (step === undefined) throw new BulwarkError('InvalidParameter.MFA.Code');
  // both codes are spent: they cannot be replayed at a console sign-in
  for (const used of [step - 1, step]) await ctx.db.insertInto('iam_mfa_used_steps').values({ serial_number: device.serial_number, step: used }).onConflict((oc) => oc.doNothing()).execute();
  await ctx.db.updateTable('iam_mfa_devices').set({ user_id: user.id, activated_at: now(ctx) }).where('serial_number', '=', device.serial_number).where('account_id', '=', ctx.caller.accountId).execute();
}

async function requireUserDevice(ctx: IamContext, userName: string): Promise<DeviceRow> {
  const user = await requireUser(ctx, userName);
  const row = await ctx.db.selectFrom('iam_mfa_devices').selectAll().where('account_id', '=', ctx.caller.accountId).where('user_id', '=', user.id).executeTakeFirst();
  if (!row) throw new BulwarkError('EntityNotExist.User.MFADevice', { name: user.name });
  return row;
}

/** Unbinds the user's device; the device stays (unbound) until DeleteVirtualMFADevice. */
export async function unbindMFADevice(ctx: IamContext, input: { UserName: string }): Promise<{ SerialNumber: string }> {
  const row = await requireUserDevice(ctx, input.UserName);
  await ctx.db.updateTable('iam_mfa_devices').set({ user_id: null, activated_at: null }).where('serial_number', '=', row.serial_number).where('account_id', '=', ctx.caller.accountId).execute();
  return { SerialNumber: row.serial_number };
}

export async function getUserMFAInfo(ctx: IamContext, input: { UserName: string }): Promise<{ SerialNumber: string; Type: 'VMFA' }> {
  const row = await requireUserDevice(ctx, input.UserName);
  return { SerialNumber: row.serial_number, Type: 'VMFA' };
}
