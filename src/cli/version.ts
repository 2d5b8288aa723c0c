import type { Command } from 'commander';
import { packageVersion } from '../core/package-version.js';

export { packageVersion };

export function registerVersion(program: Command): void {
  program
    .command('version')
    .description('print the Bulwark version')
    .option('--format <format>', 'text or json', 'text')
    .action((opts: { format: string }) => {
      const version = packageVersion();
      process.stdout.write(opts.format === 'json' ? `${JSON.stringify({ version, node: process.version })}\n` : `bulwark ${version} (node ${process.version})\n`);
    });
}
