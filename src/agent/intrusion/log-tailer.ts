import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Where a tailer stopped: the file (by inode) and the byte offset after the last whole line read. */
export interface TailPosition {
  readonly inode: number;
  readonly offset: number;
}

export interface TailerOptions {
  readonly path: string;
  /** a saved position to resume from (e.g. after an agent restart) */
  readonly position?: TailPosition;
  /** without a saved position: read the file from its start (default: only new lines) */
  readonly fromStart?: boolean;
  /** longer lines are cut to this many bytes (default 16 KiB) */
  readonly maxLineBytes?: number;
}

const CHUNK = 64 * 1024;

interface Source {
  handle: FileHandle;
  inode: number;
  offset: number;
}

/**
 * Follows a log file across rotation from a saved offset, reading only whole lines:
 * - rotation by rename (logrotate's default): the old file is read to its end, then the new file
 *   from its start; on resume, a rotated file that still has the saved inode (`auth.log.1`,
 *   `secure-20261129`, … next to it) is finished first;
 * - truncation in place (copytruncate): reading restarts at offset 0;
 * - a missing file (between rotation and re-creation) is waited for.
 * Memory is bounded by one chunk plus one partial line of at most `maxLineBytes`.
 */
export class LogTailer {
  private current: Source | undefined;
  /** head (at most maxLineBytes) of a line not yet ended by a newline */
  private partial: Buffer = Buffer.alloc(0);
  /** every byte of that line, head or not */
  private partialBytes = 0;
  private readonly maxLineBytes: number;

  private constructor(
    private readonly options: TailerOptions,
    private draining: Source | undefined,
  ) {
    this.maxLineBytes = options.maxLineBytes ?? 16 * 1024;
  }

  static async open(options: TailerOptions): Promise<LogTailer> {
    const saved = options.position;
    const info = await stat(options.path).catch(() => undefined);
    const draining = saved && (!info || info.ino !== saved.inode) ? await openRotated(options.path, saved) : undefined;
    const tailer = new LogTailer(options, draining);
    if (info) {
      let offset: number;
      if (saved && info.ino === saved.inode) offset = info.size >= saved.offset ? saved.offset : 0;
      else offset = saved || options.fromStart ? 0 : info.size;
      tailer.current = await openAt(options.path, offset);
    }
    return tailer;
  }

  /** The position to save: resuming from it reads no line twice and misses none. */
  position(): TailPosition | undefined {
    const s = this.draining ?? this.current;
    return s ? { inode: s.inode, offset: s.offset } : undefined;
  }

  /** Reads every whole line written since the last call. */
  async read(): Promise<string[]> {
    const lines: string[] = [];
    if (this.draining) {
      await this.readToEnd(this.draining, lines);
      this.flushPartial(this.draining, lines);
      await this.draining.handle.close();
      this.draining = undefined;
    }
    if (this.current) await this.readToEnd(this.current, lines);
    const info = await stat(this.options.path).catch(() => undefined);
    if (!info) return lines;
    if (!this.current || info.ino !== this.current.inode) {
      // rotated (or appeared): the old file was read to its end above, the new one starts at 0
      if (this.current) {
        this.flushPartial(this.current, lines);
        await this.current.handle.close();
      }
      this.current = await openAt(this.options.path, 0);
      if (this.current) await this.readToEnd(this.current, lines);
    } else if (info.size < this.current.offset) {
      // truncated in place (copytruncate)
      this.partial = Buffer.alloc(0);
      this.partialBytes = 0;
      this.current.offset = 0;
      await this.readToEnd(this.current, lines);
    }
    return lines;
  }

  async close(): Promise<void> {
    await this.draining?.handle.close();
    await this.current?.handle.close();
    this.draining = this.current = undefined;
  }

  private async readToEnd(source: Source, lines: string[]): Promise<void> {
    const buffer = Buffer.allocUnsafe(CHUNK);
    // `source.offset` is the end of the last whole line; the partial line's bytes follow it
    let readAt = source.offset + this.partialBytes;
    for (;;) {
      const { bytesRead } = await source.handle.read(buffer, 0, CHUNK, readAt);
      if (bytesRead === 0) return;
      let start = 0;
      for (let i = buffer.indexOf(0x0a, 0); i >= 0 && i < bytesRead; i = buffer.indexOf(0x0a, start)) {
        this.hold(buffer.subarray(start, i));
        const line = this.partial.toString('utf8');
        lines.push(line.endsWith('\r') ? line.slice(0, -1) : line);
        this.partial = Buffer.alloc(0);
        this.partialBytes = 0;
        start = i + 1;
        source.offset = readAt + start;
      }
      this.hold(buffer.subarray(start, bytesRead));
      readAt += bytesRead;
    }
  }

  /** Adds bytes to the partial line, keeping at most maxLineBytes of it (longer lines are cut). */
  private hold(bytes: Buffer): void {
    this.partialBytes += bytes.length;
    const room = this.maxLineBytes - this.partial.length;
    if (room > 0 && bytes.length > 0) this.partial = Buffer.concat([this.partial, bytes.subarray(0, room)]);
  }

  /** A file that ends without a newline (rotated away): its last line is complete now. */
  private flushPartial(source: Source, lines: string[]): void {
    if (this.partialBytes > 0) lines.push(this.partial.toString('utf8'));
    source.offset += this.partialBytes;
    this.partial = Buffer.alloc(0);
    this.partialBytes = 0;
  }
}

async function openAt(path: string, offset: number): Promise<Source | undefined> {
  try {
    const handle = await open(path, 'r');
    const info = await handle.stat();
    return { handle, inode: info.ino, offset };
  } catch {
    return undefined;
  }
}

/** Finds the rotated file that still has the saved inode (same folder, name starting with the log's). */
async function openRotated(path: string, saved: TailPosition): Promise<Source | undefined> {
  const dir = dirname(path);
  const name = basename(path);
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const candidate of names.filter((n) => n !== name && n.startsWith(name) && !n.endsWith('.gz'))) {
    const info = await stat(join(dir, candidate)).catch(() => undefined);
    if (info?.ino === saved.inode && info.size >= saved.offset) return openAt(join(dir, candidate), saved.offset);
  }
  return undefined;
}
