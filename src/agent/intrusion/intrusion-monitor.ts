import { constants, existsSync } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { EcsDocument } from './alert.js';
import { FileIntegrityMonitor } from './fim/fim-monitor.js';
import type { IntrusionConfig } from './intrusion-config.js';
import { DEFAULT_AUTH_LOGS, startSshMonitor, type SshMonitor } from './ssh/ssh-monitor.js';
import { readStateFile, writeStateFile } from './state-file.js';
import { DEFAULT_WEBSHELL_RULES_YAML } from './webshell/default-rules.js';
import { loadWebshellRules, type WebshellRule } from './webshell/rule.js';
import { scanWebshellFile, scanWebshells } from './webshell/scanner.js';
import { webshellAlert } from './webshell/webshell-alert.js';

export interface IntrusionOptions {
  readonly config: IntrusionConfig;
  /** the agent's state dir (known logins, log offset, FIM baseline, reported webshells) */
  readonly stateDir: string;
  readonly host?: string;
  /** delivers alerts (e.g. to the server's event ingest); a rejection makes the detector retry */
  readonly onEvents: (docs: EcsDocument[]) => Promise<void>;
  /** operator notes (skipped files, missing logs, watch limits) */
  readonly onNote?: (note: string) => void;
}

export interface IntrusionDetection {
  readonly ssh: SshMonitor | undefined;
  readonly fim: FileIntegrityMonitor | undefined;
  stop(): Promise<void>;
}

const reportedSchema = z.object({ version: z.literal(1), files: z.record(z.string(), z.string()) });
const REPORTED_FILE = 'webshell-reported.json';

/** journald when configured, or in auto mode when there is no log file but a running journald. */
function useJournal(config: IntrusionConfig): boolean {
  if (config.ssh.source !== 'auto') return config.ssh.source === 'journald';
  return !config.ssh.log && !DEFAULT_AUTH_LOGS.some((p) => existsSync(p)) && existsSync('/run/systemd/journal/socket');
}

/** Loads the configured webshell rules (file) or the built-in ones. */
export async function configuredWebshellRules(config: IntrusionConfig): Promise<WebshellRule[]> {
  const file = config.webshell.rules;
  return file ? loadWebshellRules(await readFile(file, 'utf8'), file) : loadWebshellRules(DEFAULT_WEBSHELL_RULES_YAML, 'built-in');
}

/**
 * The intrusion detectors of `bulwark agent run`: the SSH log monitor, file-integrity monitoring
 * and webshell scanning of the web roots (all of them once at start, then every file that appears or
 * changes there). A webshell is reported once per content (path and sha256 remembered in the state dir).
 */
export async function startIntrusionDetection(options: IntrusionOptions): Promise<IntrusionDetection> {
  const { config, stateDir } = options;
  const note = options.onNote ?? (() => undefined);
  const host = options.host ? { host: options.host } : {};
  const rules = await configuredWebshellRules(config);
  const reportedFile = join(stateDir, REPORTED_FILE);
  const reported = new Map(Object.entries((await readStateFile(reportedFile, reportedSchema))?.files ?? {}));

  /** Alerts for findings not reported before; remembers them once delivered. */
  const deliverWebshells = async (docs: EcsDocument[]): Promise<void> => {
    const fresh = docs.filter((d) => {
      const file = d.file as { path: string; hash: { sha256: string } };
      return reported.get(file.path) !== file.hash.sha256;
    });
    if (fresh.length === 0) return;
    await options.onEvents(fresh);
    for (const d of fresh) {
      const file = d.file as { path: string; hash: { sha256: string } };
      reported.set(file.path, file.hash.sha256);
    }
    await writeStateFile(reportedFile, { version: 1, files: Object.fromEntries(reported) });
  };

  for (const root of config.fim.webRoots) {
    const scan = await scanWebshells(root, rules, config.webshell.maxFileBytes).catch((e: unknown) => {
      note(`webshell scan of ${root} failed: ${String(e)}`);
      return undefined;
    });
    if (!scan) continue;
    for (const s of scan.skipped) note(`webshell scan: ${s.path} skipped (${s.reason})`);
    const at = Date.now();
    await deliverWebshells(scan.findings.map((f) => webshellAlert(f, { at, ...host })));
  }

  const ssh = config.ssh.enabled ? await startSshMonitor({ ...(config.ssh.log ? { logPath: config.ssh.log } : {}), journal: useJournal(config), stateDir, config: config.ssh, ...host, onEvents: options.onEvents }) : undefined;
  if (config.ssh.enabled && !ssh) note('ssh: no auth.log or secure found and journald not asked for; set ssh.log or ssh.source: journald');
  const sshLog = ssh && !useJournal(config) ? (config.ssh.log ?? DEFAULT_AUTH_LOGS.find((p) => existsSync(p))) : undefined;
  // followed anyway (it may become readable), but say why nothing comes from it
  if (sshLog && !(await access(sshLog, constants.R_OK).then(() => true, () => false))) note(`ssh: ${sshLog} is not readable by this user; run the agent as root or give it read access (e.g. the adm group)`);

  const fim = config.fim.enabled
    ? await FileIntegrityMonitor.start({
        config: config.fim,
        stateDir,
        ...host,
        onNote: note,
        // the FIM alert goes out with the change; a webshell alert once per content
        onEvents: async (docs) => {
          const webshells = docs.filter((d) => (d.event as { dataset: string }).dataset === 'agent.webshell');
          await options.onEvents(docs.filter((d) => !webshells.includes(d)));
          await deliverWebshells(webshells);
        },
        scanWebFile: async (path) => {
          const finding = await scanWebshellFile(path, rules, config.webshell.maxFileBytes);
          return finding ? [webshellAlert(finding, { at: Date.now(), ...host })] : [];
        },
      })
    : undefined;

  return {
    ssh,
    fim,
    stop: async () => {
      await ssh?.stop();
      await fim?.stop();
    },
  };
}
