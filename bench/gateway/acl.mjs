// IP access list lookups: the CIDR trie with 10 vs 100,000 entries, against a linear scan of the
// 100k list (the naive baseline). Imported by index.mjs; runs on the built dist/.
import { CidrTrie } from '../../dist/gateway/ip/cidr-trie.js';
import { parseIp } from '../../dist/gateway/ip/ip-address.js';

function lcg(seed) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0);
}

function blocks(n, rnd) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const bits = 16 + (rnd() % 17);
    const mask = bits === 32 ? 0xffffffff : (0xffffffff << (32 - bits)) >>> 0;
    out.push([(rnd() & mask) >>> 0, mask, bits]);
  }
  return out;
}

const dotted = (a) => `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;

function timeNs(fn, iterations) {
  for (let i = 0; i < Math.min(iterations, 20000); i++) fn(i); // warm-up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn(i);
  return Number(process.hrtime.bigint() - t0) / iterations;
}

export function aclBench() {
  const rnd = lcg(42);
  const small = blocks(1000, rnd);
  const large = blocks(100_000, rnd);
  const build = (list) => {
    const t = new CidrTrie();
    for (const [a, , bits] of list) t.insert(`${dotted(a)}/${bits}`, 'deny');
    return t;
  };
  const trieSmall = build(small);
  const trieLarge = build(large);
  const probes = Array.from({ length: 4096 }, () => parseIp(dotted(rnd())));
  const probeInts = probes.map((b) => ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0);
  let sink = 0;
  const small_ns = timeNs((i) => (sink += trieSmall.lookupBytes(probes[i & 4095]) ? 1 : 0), 400_000);
  const large_ns = timeNs((i) => (sink += trieLarge.lookupBytes(probes[i & 4095]) ? 1 : 0), 400_000);
  const linear_ns = timeNs((i) => {
    const ip = probeInts[i & 4095];
    for (const [a, mask] of large) if (((ip & mask) >>> 0) === a) {
      sink++;
      break;
    }
  }, 300);
  return { acl_1k_ns: Number(small_ns.toFixed(1)), acl_100k_ns: Number(large_ns.toFixed(1)), acl_linear_100k_ns: Math.round(linear_ns), sink };
}
