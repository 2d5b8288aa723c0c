import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../core/logger.js';

/** A logger whose JSON lines are kept in memory, for tests that grep the log. */
export function capturedLogger(): { logger: Logger; text(): string } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: createLogger({ level: 'trace', destination: sink }), text: () => chunks.join('') };
}
