import type { Command } from 'commander';
import { z } from 'zod';
import { devConfig } from '../config/dev.js';
import { loadConfig } from '../config/load.js';
import { serverConfig } from '../config/server.js';
import { BulwarkError } from '../core/errors.js';
import { action } from './run.js';

const ROLES = { server: serverConfig, dev: devConfig } as const;
const roleName = z.enum(['server', 'dev']);

export function registerConfig(program: Command): void {
  const config = program.command('config').description('configuration tools');
  config
    .command('check')
    .description('validate a config file (merged with BULWARK_* environment) for a role; exit 2 when invalid')
    .requiredOption('--config <file>', 'YAML config file')
    .option('--role <role>', 'server or dev', 'server')
    .option('--format <format>', 'text or json', 'text')
    .action(
      action(async (flags: { config: string; role: string; format: string }) => {
        const role = roleName.safeParse(flags.role);
        if (!role.success) throw new BulwarkError('InvalidParameter', { field: '--role', reason: 'expected server or dev' });
        const resolved = loadConfig(ROLES[role.data], { file: flags.config, env: process.env });
        if (flags.format === 'json') process.stdout.write(`${JSON.stringify({ valid: true, role: role.data, config: resolved })}\n`);
        else process.stdout.write(`${flags.config}: valid ${role.data} configuration\n`);
      }),
    );
}
