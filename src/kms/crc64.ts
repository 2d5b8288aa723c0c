import { open } from 'node:fs/promises';
import { BulwarkError } from '../core/errors.js';

/**
 * CRC-64/XZ (ECMA-182 polynomial, reflected, init and xorout all ones) — the checksum Alibaba OSS
 * returns as `x-oss-hash-crc64ecma`. Check value for "123456789": 0x995DC9BBDF1939FA.
 * The 64-bit state is kept as two 32-bit halves for speed.
 */
const POLY = 0xc96c5795d7870f42n; // 0x42F0E1EBA9EA3693 reflected
const T_LO = new Uint32Array(256);
const T_HI = new Uint32Array(256);
for (let i = 0; i < 256; i++) {
  let c = BigInt(i);
  for (let k = 0; k < 8; k++) c = c & 1n ? (c >> 1n) ^ POLY : c >> 1n;
  T_LO[i] = Number(c & 0xffffffffn);
  T_HI[i] = Number(c >> 32n);
}

export class Crc64 {
  private lo = 0xffffffff;
  private hi = 0xffffffff;

  update(data: Uint8Array): this {
    let { lo, hi } = this;
    for (let i = 0; i < data.length; i++) {
      const idx = (lo ^ data[i]!) & 0xff;
      lo = ((lo >>> 8) | (hi << 24)) ^ T_LO[idx]!;
      hi = (hi >>> 8) ^ T_HI[idx]!;
    }
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
    return this;
  }

  digest(): bigint {
    return (BigInt((this.hi ^ 0xffffffff) >>> 0) << 32n) | BigInt((this.lo ^ 0xffffffff) >>> 0);
  }
}

export function crc64(data: Uint8Array): bigint {
  return new Crc64().update(data).digest();
}

/** Streams a file through CRC-64/XZ in 1 MiB reads. */
export async function crc64File(path: string): Promise<{ crc: bigint; bytes: number }> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    throw new BulwarkError('Kms.File.Unreadable', { path, reason: e instanceof Error ? e.message : String(e) });
  }
  try {
    const crc = new Crc64();
    const buf = Buffer.alloc(1 << 20);
    let bytes = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, bytes);
      if (bytesRead === 0) break;
      crc.update(buf.subarray(0, bytesRead));
      bytes += bytesRead;
    }
    return { crc: crc.digest(), bytes };
  } catch (e) {
    if (e instanceof BulwarkError) throw e;
    throw new BulwarkError('Kms.File.Unreadable', { path, reason: e instanceof Error ? e.message : String(e) });
  } finally {
    await fh.close();
  }
}
