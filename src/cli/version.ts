import { readFileSync } from 'node:fs';
import type { Command } from 'commander';

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

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
