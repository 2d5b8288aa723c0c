import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Crc64, crc64, crc64File } from './crc64.js';

describe('CRC-64/XZ', () => {
  it('matches the catalogue check value and known vectors', () => {
    expect(crc64(Buffer.from('123456789'))).toBe(0x995dc9bbdf1939fan);
    expect(crc64(Buffer.alloc(0))).toBe(0n);
    // Value from an independent bit-by-bit CRC-64/XZ reference (poly 0xC96C5795D7870F42 reflected).
    expect(crc64(Buffer.from('hello world')).toString()).toBe('5981764153023615706');
  });

  it('is the same whether fed at once, in pieces, or streamed from a file', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 17);
    const whole = crc64(data);
    const parts = new Crc64();
    for (let i = 0; i < data.length; i += 65537) parts.update(data.subarray(i, i + 65537));
    expect(parts.digest()).toBe(whole);
    const dir = mkdtempSync(join(tmpdir(), 'bw-crc64-'));
    writeFileSync(join(dir, 'f'), data);
    expect(await crc64File(join(dir, 'f'))).toEqual({ crc: whole, bytes: data.length });
    await expect(crc64File(join(dir, 'missing'))).rejects.toMatchObject({ code: 'Kms.File.Unreadable' });
    rmSync(dir, { recursive: true });
  });
});
