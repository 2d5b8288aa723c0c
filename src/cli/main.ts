#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { registerAudit } from './audit.js';
import { registerConfig } from './config.js';
import { registerCrc64 } from './crc64.js';
import { registerDev } from './dev.js';
import { registerEvents } from './events.js';
import { registerInit } from './init.js';
import { registerKms } from './kms.js';
import { registerGateway } from './gateway.js';
import { registerMigrate } from './migrate.js';
import { EXIT_USAGE } from './run.js';
import { registerScan } from './scan.js';
import { registerServer } from './server.js';
import { registerWaf } from './waf.js';
import { packageVersion, registerVersion } from './version.js';

/** Builds the CLI; every registered command does real work (none are placeholders). */
export function buildProgram(): Command {
  const program = new Command('bulwark')
    .description('Bulwark: self-hosted cloud security platform')
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError()
    .exitOverride();
  for (const register of [registerDev, registerServer, registerInit, registerGateway, registerMigrate, registerConfig, registerAudit, registerEvents, registerScan, registerWaf, registerKms, registerCrc64, registerVersion]) register(program);
  program.commands.forEach((c) => c.exitOverride());
  return program;
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version exit 0; anything else commander rejects is bad usage.
      process.exitCode = e.exitCode === 0 ? 0 : EXIT_USAGE;
      return;
    }
    throw e;
  }
}

await main(process.argv);
