import { join } from 'node:path';
import { z } from 'zod';
import { LogTailer } from '../log-tailer.js';
import { readStateFile, writeStateFile } from '../state-file.js';
import type { LogFormat } from './read-log.js';

/** Where the SSH monitor reads its lines from: a log file or journald; both resume where they stopped. */
export interface LineSource {
  readonly format: LogFormat;
  /** the lines that arrived since the last read */
  read(): Promise<string[]>;
  /** saves the position after the lines read so far (call once their alerts are delivered) */
  commit(): Promise<void>;
  close(): Promise<void>;
}

const positionSchema = z.object({ path: z.string(), inode: z.number().int().nonnegative(), offset: z.number().int().nonnegative() });
export const FILE_POSITION = 'ssh-log-position.json';

/** A log file followed across rotation, its offset in the state dir. */
export async function fileLineSource(path: string, stateDir: string): Promise<LineSource> {
  const positionFile = join(stateDir, FILE_POSITION);
  const saved = await readStateFile(positionFile, positionSchema);
  const tailer = await LogTailer.open({ path, ...(saved?.path === path ? { position: saved } : {}) });
  const commit = async (): Promise<void> => {
    const position = tailer.position();
    if (position) await writeStateFile(positionFile, { path, ...position });
  };
  // the start position is saved at once: lines that arrive before a crash are read after it
  if (saved?.path !== path) await commit();
  let read = false;
  return {
    format: 'syslog',
    read: async () => {
      const lines = await tailer.read();
      read ||= lines.length > 0;
      return lines;
    },
    commit: async () => {
      if (!read) return;
      await commit();
      read = false;
    },
    close: () => tailer.close(),
  };
}
