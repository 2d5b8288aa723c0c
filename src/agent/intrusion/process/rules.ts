import { deletedExeRule } from './deleted-exe.js';
import { devTcpRule } from './dev-tcp.js';
import { minerRule } from './miner.js';
import { netcatExecRule } from './netcat-exec.js';
import { reverseShellRule } from './reverse-shell.js';
import type { ProcessRule } from './rule.js';
import { tempExecRule } from './temp-exec.js';

/** Every suspicious-process rule. */
export const PROCESS_RULES: readonly ProcessRule[] = [reverseShellRule, netcatExecRule, devTcpRule, tempExecRule, deletedExeRule, minerRule];
