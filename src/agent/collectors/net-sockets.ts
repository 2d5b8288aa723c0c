import { compressIPv6 } from './addresses.js';
import { readText } from './read.js';

/** One row of /proc/net/{tcp,tcp6,udp,udp6}. */
export interface NetSocket {
  transport: 'tcp' | 'udp';
  family: 'IPv4' | 'IPv6';
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
  /** kernel state number (TCP: 1 established … 10 listen; UDP: 7 unconnected) */
  state: number;
  uid: number;
  inode: number;
}

export const TCP_LISTEN = 0x0a;
export const TCP_ESTABLISHED = 0x01;
const UDP_UNCONNECTED = 0x07;

export const SOCKET_TABLES = [
  { file: 'tcp', transport: 'tcp', family: 'IPv4' },
  { file: 'tcp6', transport: 'tcp', family: 'IPv6' },
  { file: 'udp', transport: 'udp', family: 'IPv4' },
  { file: 'udp6', transport: 'udp', family: 'IPv6' },
] as const;

/** Kernel hex address: IPv4 is one little-endian word; IPv6 four of them. */
export function decodeHexAddress(hex: string): string {
  const word = (w: string) => [w.slice(6, 8), w.slice(4, 6), w.slice(2, 4), w.slice(0, 2)].map((b) => parseInt(b, 16));
  if (hex.length === 8) return word(hex).join('.');
  const bytes: number[] = [];
  for (let i = 0; i < 32; i += 8) bytes.push(...word(hex.slice(i, i + 8)));
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return `::ffff:${bytes.slice(12).join('.')}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((((bytes[i] as number) << 8) | (bytes[i + 1] as number)).toString(16));
  return compressIPv6(groups);
}

/** Parses one /proc/net socket table. */
export function parseSocketTable(text: string, transport: 'tcp' | 'udp', family: 'IPv4' | 'IPv6'): NetSocket[] {
  const out: NetSocket[] = [];
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const f = (lines[i] as string).trim().split(/\s+/);
    if (f.length < 10) continue;
    const [la, lp] = (f[1] as string).split(':') as [string, string];
    const [ra, rp] = (f[2] as string).split(':') as [string, string];
    out.push({ transport, family, localAddress: decodeHexAddress(la), localPort: parseInt(lp, 16), remoteAddress: decodeHexAddress(ra), remotePort: parseInt(rp, 16), state: parseInt(f[3] as string, 16), uid: Number(f[7]), inode: Number(f[9]) });
  }
  return out;
}

/** Every socket of the four tables under `netDir` (e.g. `/proc/net` or `/proc/<pid>/net`). */
export function readSockets(netDir: string): NetSocket[] {
  const out: NetSocket[] = [];
  for (const t of SOCKET_TABLES) {
    const text = readText(`${netDir}/${t.file}`);
    if (text !== undefined) out.push(...parseSocketTable(text, t.transport, t.family));
  }
  return out;
}

/** A socket that accepts traffic: TCP in LISTEN, or UDP bound and not connected. */
export function isListening(s: NetSocket): boolean {
  return s.transport === 'tcp' ? s.state === TCP_LISTEN : s.state === UDP_UNCONNECTED && s.remotePort === 0;
}
