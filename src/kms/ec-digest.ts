import { createHmac, createPublicKey, randomBytes, type KeyObject } from 'node:crypto';

/**
 * ECDSA and SM2 signatures over a caller-supplied digest (AsymmetricSign takes `Digest`, not the
 * message). node:crypto only signs messages, so the curve arithmetic is done here with BigInt:
 * affine coordinates, short Weierstrass curves, hedged nonces (HMAC of the key, digest and fresh
 * randomness). Signatures are DER `SEQUENCE { r INTEGER, s INTEGER }`, as Alibaba KMS returns them.
 */
interface Curve {
  p: bigint;
  a: bigint;
  b: bigint;
  n: bigint;
  g: Point;
}
type Point = { x: bigint; y: bigint } | null;

const h = (s: string): bigint => BigInt(`0x${s}`);

export const CURVES: Readonly<Record<string, Curve>> = {
  prime256v1: {
    p: h('ffffffff00000001000000000000000000000000ffffffffffffffffffffffff'),
    a: h('ffffffff00000001000000000000000000000000fffffffffffffffffffffffc'),
    b: h('5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b'),
    n: h('ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551'),
    g: { x: h('6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296'), y: h('4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5') },
  },
  secp256k1: {
    p: h('fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f'),
    a: 0n,
    b: 7n,
    n: h('fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141'),
    g: { x: h('79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798'), y: h('483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8') },
  },
  SM2: {
    p: h('fffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffff'),
    a: h('fffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffc'),
    b: h('28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93'),
    n: h('fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123'),
    g: { x: h('32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7'), y: h('bc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0') },
  },
};

const mod = (a: bigint, m: bigint): bigint => ((a % m) + m) % m;

function inv(a: bigint, m: bigint): bigint {
  let [r0, r1] = [mod(a, m), m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return mod(s0, m);
}

function add(c: Curve, P: Point, Q: Point): Point {
  if (!P) return Q;
  if (!Q) return P;
  let l: bigint;
  if (P.x === Q.x) {
    if (mod(P.y + Q.y, c.p) === 0n) return null;
    l = mod((3n * P.x * P.x + c.a) * inv(2n * P.y, c.p), c.p);
  } else {
    l = mod((Q.y - P.y) * inv(Q.x - P.x, c.p), c.p);
  }
  const x = mod(l * l - P.x - Q.x, c.p);
  return { x, y: mod(l * (P.x - x) - P.y, c.p) };
}

type Jacobian = [bigint, bigint, bigint];

function jDouble(c: Curve, [X, Y, Z]: Jacobian): Jacobian {
  if (Y === 0n || Z === 0n) return [0n, 1n, 0n];
  const YY = mod(Y * Y, c.p);
  const S = mod(4n * X * YY, c.p);
  const ZZ = mod(Z * Z, c.p);
  const M = mod(3n * X * X + c.a * ZZ * ZZ, c.p);
  const X3 = mod(M * M - 2n * S, c.p);
  return [X3, mod(M * (S - X3) - 8n * YY * YY, c.p), mod(2n * Y * Z, c.p)];
}

function jAdd(c: Curve, P: Jacobian, Q: Jacobian): Jacobian {
  if (P[2] === 0n) return Q;
  if (Q[2] === 0n) return P;
  const Z1Z1 = mod(P[2] * P[2], c.p);
  const Z2Z2 = mod(Q[2] * Q[2], c.p);
  const U1 = mod(P[0] * Z2Z2, c.p);
  const U2 = mod(Q[0] * Z1Z1, c.p);
  const S1 = mod(P[1] * Q[2] * Z2Z2, c.p);
  const S2 = mod(Q[1] * P[2] * Z1Z1, c.p);
  if (U1 === U2) return S1 === S2 ? jDouble(c, P) : [0n, 1n, 0n];
  const H = mod(U2 - U1, c.p);
  const R = mod(S2 - S1, c.p);
  const HH = mod(H * H, c.p);
  const HHH = mod(H * HH, c.p);
  const V = mod(U1 * HH, c.p);
  const X3 = mod(R * R - HHH - 2n * V, c.p);
  return [X3, mod(R * (V - X3) - S1 * HHH, c.p), mod(P[2] * Q[2] * H, c.p)];
}

/** k·P in Jacobian coordinates (one inversion at the end). */
function mul(c: Curve, k: bigint, P: Point): Point {
  if (!P) return null;
  let R: Jacobian = [0n, 1n, 0n];
  let A: Jacobian = [P.x, P.y, 1n];
  for (let e = k; e > 0n; e >>= 1n) {
    if (e & 1n) R = jAdd(c, R, A);
    A = jDouble(c, A);
  }
  if (R[2] === 0n) return null;
  const zi = inv(R[2], c.p);
  const zi2 = mod(zi * zi, c.p);
  return { x: mod(R[0] * zi2, c.p), y: mod(R[1] * zi2 * zi, c.p) };
}

const toBig = (b: Buffer): bigint => (b.length === 0 ? 0n : BigInt(`0x${b.toString('hex')}`));

/** The digest as an integer, truncated to the bit length of n (SEC 1). */
function digestInt(c: Curve, digest: Buffer): bigint {
  const bits = c.n.toString(2).length;
  let e = toBig(digest);
  const extra = digest.length * 8 - bits;
  if (extra > 0) e >>= BigInt(extra);
  return e;
}

function derInt(v: bigint): Buffer {
  let hex = v.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let b = Buffer.from(hex, 'hex');
  if (b[0]! & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return Buffer.concat([Buffer.from([0x02, b.length]), b]);
}

function derSig(r: bigint, s: bigint): Buffer {
  const body = Buffer.concat([derInt(r), derInt(s)]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

function parseDerSig(sig: Buffer): { r: bigint; s: bigint } | undefined {
  if (sig.length < 8 || sig[0] !== 0x30 || sig[1] !== sig.length - 2) return undefined;
  const read = (at: number): [bigint, number] | undefined => {
    if (sig[at] !== 0x02) return undefined;
    const len = sig[at + 1]!;
    if (len === 0 || at + 2 + len > sig.length) return undefined;
    return [toBig(sig.subarray(at + 2, at + 2 + len)), at + 2 + len];
  };
  const r = read(2);
  if (!r) return undefined;
  const s = read(r[1]);
  if (!s || s[1] !== sig.length) return undefined;
  return { r: r[0], s: s[0] };
}

function keyParts(key: KeyObject): { d?: bigint; Q: Point } {
  // The SEC 1 ECPrivateKey inside PKCS#8 holds `02 01 01 04 20 <d>`; an SPKI ends with the point 04‖x‖y.
  // (Exporting as `sec1` would abort the process for SM2 keys: node asserts the key type is EC.)
  let d: bigint | undefined;
  if (key.type === 'private') {
    const der = key.export({ format: 'der', type: 'pkcs8' });
    const at = der.indexOf(Buffer.from([0x02, 0x01, 0x01, 0x04, 0x20]));
    if (at < 0) throw new Error('unexpected EC private key encoding');
    d = toBig(der.subarray(at + 5, at + 37));
  }
  const spki = (key.type === 'public' ? key : createPublicKey(key)).export({ format: 'der', type: 'spki' });
  const point = spki.subarray(spki.length - 65);
  return { ...(d !== undefined ? { d } : {}), Q: { x: toBig(point.subarray(1, 33)), y: toBig(point.subarray(33)) } };
}

function nonce(c: Curve, d: bigint, digest: Buffer): bigint {
  for (let i = 0; ; i++) {
    const k = toBig(createHmac('sha512', Buffer.from(d.toString(16), 'hex')).update(digest).update(randomBytes(32)).update(String(i)).digest()) % c.n;
    if (k > 0n) return k;
  }
}

/** Signs `digest` with an EC private key of curve `curve` (ECDSA, or SM2 for the SM2 curve). */
export function signDigest(curve: string, privateKey: KeyObject, digest: Buffer): Buffer {
  const c = CURVES[curve]!;
  const { d } = keyParts(privateKey);
  const e = digestInt(c, digest);
  for (;;) {
    const k = nonce(c, d!, digest);
    const R = mul(c, k, c.g)!;
    if (curve === 'SM2') {
      const r = mod(e + R.x, c.n);
      if (r === 0n || r + k === c.n) continue;
      const s = mod(inv(1n + d!, c.n) * (k - r * d!), c.n);
      if (s !== 0n) return derSig(r, s);
    } else {
      const r = mod(R.x, c.n);
      if (r === 0n) continue;
      const s = mod(inv(k, c.n) * (e + r * d!), c.n);
      if (s !== 0n) return derSig(r, s);
    }
  }
}

/** Verifies a DER signature over `digest` with an EC public (or private) key. */
export function verifyDigest(curve: string, key: KeyObject, digest: Buffer, signature: Buffer): boolean {
  const c = CURVES[curve]!;
  const sig = parseDerSig(signature);
  if (!sig || sig.r <= 0n || sig.r >= c.n || sig.s <= 0n || sig.s >= c.n) return false;
  const { Q } = keyParts(key);
  const e = digestInt(c, digest);
  if (curve === 'SM2') {
    const t = mod(sig.r + sig.s, c.n);
    if (t === 0n) return false;
    const P = add(c, mul(c, sig.s, c.g), mul(c, t, Q));
    return P !== null && mod(e + P.x, c.n) === sig.r;
  }
  const w = inv(sig.s, c.n);
  const P = add(c, mul(c, mod(e * w, c.n), c.g), mul(c, mod(sig.r * w, c.n), Q));
  return P !== null && mod(P.x, c.n) === sig.r;
}
