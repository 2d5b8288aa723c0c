#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { EXIT_USAGE } from './run.js';
import { packageVersion } from './version.js';

type Register = (program: Command) => void;

/**
 * Registry: every command, loaded on demand so `bulwark crc64` does not pay for the server, the
 * WAF and KMS at start. Every registered command does real work (none are placeholders).
 */
export const COMMANDS: Readonly<Record<string, () => Promise<Register>>> = {
  dev: async () => (await import('./dev.js')).registerDev,
  server: async () => (await import('./server.js')).registerServer,
  init: async () => (await import('./init.js')).registerInit,
  gateway: async () => (await import('./gateway.js')).registerGateway,
  sites: async () => (await import('./sites.js')).registerSites,
  reputation: async () => (await import('./reputation.js')).registerReputation,
  migrate: async () => (await import('./migrate.js')).registerMigrate,
  config: async () => (await import('./config.js')).registerConfig,
  audit: async () => (await import('./audit.js')).registerAudit,
  events: async () => (await import('./events.js')).registerEvents,
  scan: async () => (await import('./scan.js')).registerScan,
  posture: async () => (await import('./posture.js')).registerPosture,
  agent: async () => (await import('./agent.js')).registerAgent,
  hosts: async () => (await import('./hosts.js')).registerHosts,
  vuln: async () => (await import('./vuln.js')).registerVuln,
  waf: async () => (await import('./waf.js')).registerWaf,
  kms: async () => (await import('./kms.js')).registerKms,
  crc64: async () => (await import('./crc64.js')).registerCrc64,
  version: async () => (await import('./version.js')).registerVersion,
};

/** Builds the CLI with the named commands (all of them for help and unknown names). */
export async function buildProgram(only?: string): Promise<Command> {
  const program = new Command('bulwark')
    .description('Bulwark: self-hosted cloud security platform')
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError()
    .exitOverride();
  const names = only !== undefined && only in COMMANDS ? [only] : Object.keys(COMMANDS);
  for (const name of names) (await COMMANDS[name]!())(program);
  program.commands.forEach((c) => c.exitOverride());
  return program;
}

async function main(argv: string[]): Promise<void> {
  const program = await buildProgram(argv[2]);
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
