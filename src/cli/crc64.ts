import type { Command } from 'commander';
import { BulwarkError } from '../core/errors.js';
import { crc64File } from '../kms/crc64.js';
import { action, EXIT_OK } from './run.js';

/** `bulwark crc64 FILE…`: CRC-64/XZ (OSS `x-oss-hash-crc64ecma`) of each file, streamed. */
export function registerCrc64(program: Command): void {
  program
    .command('crc64')
    .description('CRC-64/XZ of files, as OSS reports it in x-oss-hash-crc64ecma (unsigned decimal)')
    .argument('<files...>', 'files to checksum')
    .option('--format <format>', 'text or json', 'text')
    .action(
      action(async (files: string[], flags: { format: string }) => {
        if (flags.format !== 'text' && flags.format !== 'json') throw new BulwarkError('InvalidParameter', { field: '--format', reason: 'expected text or json' });
        const results = [];
        for (const file of files) {
          const { crc, bytes } = await crc64File(file);
          results.push({ file, bytes, crc64: crc.toString(), hex: crc.toString(16).padStart(16, '0') });
          if (flags.format === 'text') process.stdout.write(`${crc.toString()}  ${file}\n`);
        }
        if (flags.format === 'json') process.stdout.write(`${JSON.stringify({ files: results })}\n`);
        return EXIT_OK;
      }),
    );
}
