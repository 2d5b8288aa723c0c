import { isIP } from 'node:net';
import { z } from 'zod';
import { BulwarkError } from '../../core/errors.js';
import { nftOrThrow, runNft, type NftOptions } from './nft.js';
import { responseRecord, type ResponseRecord } from './record.js';

export const NFT_TABLE = 'bulwark';
const SETS = { 4: 'blocked4', 6: 'blocked6' } as const;

/**
 * Bulwark's own nftables table: two sets with per-element timeouts and a drop rule on the input
 * and forward hooks (so containers behind the host are covered too). Nothing else is touched.
 */
export const TABLE_SCRIPT = `table inet ${NFT_TABLE} {
  set ${SETS[4]} { type ipv4_addr; flags timeout; }
  set ${SETS[6]} { type ipv6_addr; flags timeout; }
  chain input {
    type filter hook input priority filter - 10; policy accept;
    ip saddr @${SETS[4]} drop
    ip6 saddr @${SETS[6]} drop
  }
  chain forward {
    type filter hook forward priority filter - 10; policy accept;
    ip saddr @${SETS[4]} drop
    ip6 saddr @${SETS[6]} drop
  }
}
`;

export interface BlockedAddress {
  ip: string;
  /** seconds the block was set for; null when permanent */
  timeoutSeconds: number | null;
  /** seconds left; null when permanent */
  expiresInSeconds: number | null;
}

/** A single IPv4 or IPv6 address (IPv4-mapped IPv6 becomes IPv4); loopback and unspecified are refused. */
export function blockableAddress(input: string): { ip: string; family: 4 | 6 } {
  let ip = input.trim().toLowerCase();
  if (ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4) ip = ip.slice(7);
  const family = isIP(ip);
  if (family === 0) throw new BulwarkError('InvalidParameter', { field: 'IP', reason: `"${input}" is not an IPv4 or IPv6 address` });
  if (ip.startsWith('127.') || ip === '0.0.0.0' || ip === '::1' || ip === '::') throw new BulwarkError('InvalidParameter', { field: 'IP', reason: `refusing to block the loopback or unspecified address ${ip}` });
  return { ip, family: family as 4 | 6 };
}

async function tableExists(options: NftOptions): Promise<boolean> {
  const r = await runNft(['list', 'table', 'inet', NFT_TABLE], options);
  if (r.code === 0) return true;
  if (/No such file or directory/.test(r.stderr)) return false;
  throw new BulwarkError('Agent.Respond.NftFailed', { operation: 'list table', reason: r.stderr.split('\n')[0] || `exit ${r.code}` });
}

/** Creates the `bulwark` table when it is missing. */
export async function ensureTable(options: NftOptions = {}): Promise<void> {
  if (!(await tableExists(options))) await nftOrThrow('create table', ['-f', '-'], options, TABLE_SCRIPT);
}

/**
 * Blocks traffic from an address for `seconds` (0: until unblocked). Blocking an address again
 * resets its timeout (add, delete, add in one nft transaction).
 */
export async function blockIp(input: string, seconds: number, options: NftOptions = {}): Promise<ResponseRecord> {
  const { ip, family } = blockableAddress(input);
  if (!Number.isInteger(seconds) || seconds < 0) throw new BulwarkError('InvalidParameter', { field: '--duration', reason: 'expected a whole number of seconds' });
  await ensureTable(options);
  const set = SETS[family];
  const element = `{ ${ip}${seconds > 0 ? ` timeout ${seconds}s` : ''} }`;
  const script = `add element inet ${NFT_TABLE} ${set} ${element}\ndelete element inet ${NFT_TABLE} ${set} { ${ip} }\nadd element inet ${NFT_TABLE} ${set} ${element}\n`;
  await nftOrThrow('add element', ['-f', '-'], options, script);
  return responseRecord({ action: 'block', target: ip, outcome: 'done', details: { set: `inet ${NFT_TABLE} ${set}`, durationSeconds: seconds, expires: seconds > 0 ? new Date(Date.now() + seconds * 1000).toISOString() : null }, undo: { action: 'unblock', target: ip } });
}

/** Removes an address from the block sets; `unchanged` when it was not blocked. */
export async function unblockIp(input: string, options: NftOptions = {}): Promise<ResponseRecord> {
  const { ip, family } = blockableAddress(input);
  const before = (await listBlocked(options)).find((b) => b.ip === ip);
  if (!before) return responseRecord({ action: 'unblock', target: ip, outcome: 'unchanged', details: { wasBlocked: false }, undo: null });
  await nftOrThrow('delete element', ['delete', 'element', 'inet', NFT_TABLE, SETS[family], `{ ${ip} }`], options);
  const remaining = before.expiresInSeconds === null ? 0 : Math.max(1, before.expiresInSeconds);
  return responseRecord({ action: 'unblock', target: ip, outcome: 'done', details: { wasBlocked: true, remainingSeconds: before.expiresInSeconds }, undo: { action: 'block', target: ip, options: { durationSeconds: remaining } } });
}

const elementSchema = z.union([z.string(), z.object({ elem: z.object({ val: z.string(), timeout: z.number().optional(), expires: z.number().optional() }) })]);
const listSchema = z.object({ nftables: z.array(z.union([z.object({ set: z.object({ name: z.string(), elem: z.array(elementSchema).optional() }) }), z.record(z.string(), z.unknown())])) });

/** Parses `nft -j list set …` output. */
export function parseSetJson(json: string): BlockedAddress[] {
  const parsed = listSchema.safeParse(JSON.parse(json));
  if (!parsed.success) throw new BulwarkError('Agent.Respond.NftFailed', { operation: 'list set', reason: `unexpected JSON: ${parsed.error.issues[0]?.message ?? ''}` });
  const out: BlockedAddress[] = [];
  for (const item of parsed.data.nftables) {
    if (!('set' in item)) continue;
    const set = item.set as { elem?: Array<z.infer<typeof elementSchema>> };
    for (const e of set.elem ?? []) {
      if (typeof e === 'string') out.push({ ip: e, timeoutSeconds: null, expiresInSeconds: null });
      else out.push({ ip: e.elem.val, timeoutSeconds: e.elem.timeout ?? null, expiresInSeconds: e.elem.expires ?? (e.elem.timeout === undefined ? null : e.elem.timeout) });
    }
  }
  return out;
}

/** Addresses blocked now (expired elements are already gone: the kernel removes them). */
export async function listBlocked(options: NftOptions = {}): Promise<BlockedAddress[]> {
  if (!(await tableExists(options))) return [];
  const out: BlockedAddress[] = [];
  for (const set of Object.values(SETS)) out.push(...parseSetJson(await nftOrThrow('list set', ['-j', 'list', 'set', 'inet', NFT_TABLE, set], options)));
  return out;
}
