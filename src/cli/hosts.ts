import type { Command } from 'commander';
import { parseDuration } from '../agent/respond/duration.js';
import { accessKeyFromEnv, expectOk, signedPost } from '../events/client.js';
import { CREATE_TASK_ACTION, CREATE_TOKEN_ACTION, RESPOND_HOST_ACTION, DELETE_HOST_ACTION, GET_FINDINGS_ACTION, LIST_HOSTS_ACTION, LIST_TOKENS_ACTION, REVOKE_TOKEN_ACTION, adminPath, type AdminCall } from '../hosts/api.js';
import type { HostFindings, HostView } from '../hosts/queries.js';
import { RESPONSE_ACTIONS, type TaskView } from '../hosts/tasks.js';
import { BulwarkError } from '../core/errors.js';
import type { CreatedToken, TokenView } from '../hosts/tokens.js';
import { action, EXIT_OK, formatOf } from './run.js';

interface ServerFlags {
  server: string;
  format: string;
}

async function call<T>(flags: ServerFlags, what: AdminCall, ramAction: string, body: Record<string, unknown>): Promise<T> {
  const json = expectOk(await signedPost(flags.server, adminPath(what), Buffer.from(JSON.stringify(body)), 'application/json', accessKeyFromEnv(), ramAction)) as T & { RequestId?: string };
  delete json.RequestId;
  return json;
}

function table(columns: ReadonlyArray<readonly [string, number]>, rows: ReadonlyArray<ReadonlyArray<unknown>>): string {
  const cell = (v: unknown, w: number) => {
    const t = v === null || v === undefined ? '-' : String(v);
    return (t.length > w ? `${t.slice(0, w - 1)}…` : t).padEnd(w);
  };
  return [columns.map(([n, w]) => cell(n, w)).join(' '), ...rows.map((r) => columns.map(([, w], i) => cell(r[i], w)).join(' '))].map((l) => l.trimEnd()).join('\n') + '\n';
}

function withServer(cmd: Command): Command {
  return cmd.requiredOption('--server <url>', 'Bulwark server URL (signed with BULWARK_ACCESS_KEY_ID / BULWARK_ACCESS_KEY_SECRET)').option('--format <format>', 'table or json', 'table');
}

/** `bulwark hosts …`: enrolled hosts on a server, their findings, enrollment tokens and scan tasks. */
export function registerHosts(program: Command): void {
  const hosts = program.command('hosts').description('hosts enrolled on a server: list, findings, enrollment tokens, scan tasks, response actions, delete');

  withServer(hosts.command('list').description('enrolled hosts with their baseline pass rate')).action(
    action(async (flags: ServerFlags) => {
      const format = formatOf(flags.format, ['table', 'json'] as const);
      const { Hosts } = await call<{ Hosts: HostView[] }>(flags, 'list', LIST_HOSTS_ACTION, {});
      if (format === 'json') process.stdout.write(`${JSON.stringify({ hosts: Hosts })}\n`);
      else
        process.stdout.write(
          table(
            [['HOST ID', 16], ['HOSTNAME', 24], ['OS', 28], ['LAST SEEN', 20], ['FAILED', 6], ['PASS %', 6], ['LABEL', 16]],
            Hosts.map((h) => [h.HostId, h.Hostname, h.Os, h.LastSeenAt, h.Baseline.Failed, h.Baseline.PassRate, h.Label]),
          ),
        );
      return EXIT_OK;
    }),
  );

  withServer(hosts.command('findings').description('baseline results by policy, failing checks and recent inventory changes of a host').argument('<host>', 'host id or hostname'))
    .option('--inventory', 'include the latest inventory (json format)')
    .action(
      action(async (host: string, flags: ServerFlags & { inventory?: boolean }) => {
        const format = formatOf(flags.format, ['table', 'json'] as const);
        const f = await call<HostFindings>(flags, 'findings', GET_FINDINGS_ACTION, { host, inventory: flags.inventory === true });
        if (format === 'json') {
          process.stdout.write(`${JSON.stringify(f)}\n`);
          return EXIT_OK;
        }
        process.stdout.write(`host ${f.Host.HostId} (${f.Host.Hostname}), ${f.Host.Os || 'unknown OS'}, last seen ${f.Host.LastSeenAt ?? 'never'}\n\n`);
        process.stdout.write(table([['POLICY', 32], ['PASSED', 6], ['FAILED', 6], ['N/A', 6], ['PASS %', 6], ['SCANNED', 20]], f.Policies.map((p) => [p.PolicyId, p.Passed, p.Failed, p.NotApplicable, p.Skipped ? 'skipped' : p.PassRate, p.ScannedAt])));
        process.stdout.write(`\n${f.Failed.length} failing check(s)\n`);
        for (const c of f.Failed) process.stdout.write(`  ${c.PolicyId}/${c.CheckId}  ${c.Title}  (since ${c.Since})\n${c.Remediation ? `      remediation: ${c.Remediation.replace(/\s+/g, ' ').slice(0, 200)}\n` : ''}`);
        if (f.Changes.length > 0) {
          process.stdout.write(`\nrecent inventory changes\n`);
          for (const c of f.Changes.slice(0, 20)) process.stdout.write(`  ${c.At}  ${String(c.Detail.summary ?? c.Kind)}\n`);
        }
        return EXIT_OK;
      }),
    );

  const token = hosts.command('token').description('enrollment tokens');
  withServer(token.command('create').description('create a one-time enrollment token (shown once; stored hashed)'))
    .option('--ttl <duration>', 'validity, e.g. 15m, 1h, 7d (at most 30d)', '1h')
    .option('--label <label>', 'label given to the host that enrolls with it', '')
    .action(
      action(async (flags: ServerFlags & { ttl: string; label: string }) => {
        const format = formatOf(flags.format, ['table', 'json'] as const);
        const t = await call<CreatedToken>(flags, 'tokens', CREATE_TOKEN_ACTION, { ttlSeconds: parseDuration(flags.ttl, '--ttl'), label: flags.label });
        if (format === 'json') process.stdout.write(`${JSON.stringify(t)}\n`);
        else process.stdout.write(`${t.Token}\n`);
        process.stderr.write(`token ${t.TokenId} expires at ${t.ExpiresAt}; it is shown only now and works once:\n  bulwark agent enroll --server ${flags.server} --token <token>\n`);
        return EXIT_OK;
      }),
    );

  withServer(hosts.command('delete').description("forget a host: its RAM identity (user, AccessKeys, policy) and everything it reported; its agent can no longer report").argument('<host>', 'host id or hostname')).action(
    action(async (host: string, flags: ServerFlags) => {
      const format = formatOf(flags.format, ['table', 'json'] as const);
      const { HostId } = await call<{ HostId: string }>(flags, 'delete', DELETE_HOST_ACTION, { host });
      process.stdout.write(format === 'json' ? `${JSON.stringify({ hostId: HostId, deleted: true })}\n` : `host ${HostId} deleted\n`);
      return EXIT_OK;
    }),
  );

  withServer(token.command('list').description('enrollment tokens: unused, used (by which host) or expired')).action(
    action(async (flags: ServerFlags) => {
      const format = formatOf(flags.format, ['table', 'json'] as const);
      const { Tokens } = await call<{ Tokens: TokenView[] }>(flags, 'tokens/list', LIST_TOKENS_ACTION, {});
      if (format === 'json') process.stdout.write(`${JSON.stringify({ tokens: Tokens })}\n`);
      else process.stdout.write(table([['TOKEN ID', 20], ['STATUS', 8], ['LABEL', 16], ['EXPIRES', 20], ['HOST', 16], ['CREATED BY', 16]], Tokens.map((t) => [t.TokenId, t.Status, t.Label, t.ExpiresAt, t.HostId, t.CreatedBy])));
      return EXIT_OK;
    }),
  );
  withServer(token.command('revoke').description('revoke an unused enrollment token').argument('<tokenId>', 'token id (et-…) from `token create` or `token list`')).action(
    action(async (tokenId: string, flags: ServerFlags) => {
      const format = formatOf(flags.format, ['table', 'json'] as const);
      await call(flags, 'tokens/revoke', REVOKE_TOKEN_ACTION, { tokenId });
      process.stdout.write(format === 'json' ? `${JSON.stringify({ tokenId, revoked: true })}\n` : `token ${tokenId} revoked\n`);
      return EXIT_OK;
    }),
  );

  withServer(hosts.command('scan').description('ask a host\'s agent to collect and report now (a task it picks up at its next heartbeat)').argument('<host>', 'host id or hostname')).action(
    action(async (host: string, flags: ServerFlags) => {
      const format = formatOf(flags.format, ['table', 'json'] as const);
      const { Task } = await call<{ Task: TaskView }>(flags, 'tasks', CREATE_TASK_ACTION, { host, kind: 'scan' });
      if (format === 'json') process.stdout.write(`${JSON.stringify(Task)}\n`);
      else process.stdout.write(`task ${Task.TaskId} queued for host ${Task.HostId}\n`);
      return EXIT_OK;
    }),
  );

  withServer(
    hosts
      .command('respond')
      .description("ask a host's agent to run a response action at its next heartbeat: block|unblock <ip>, kill <pid>, quarantine <path>, restore <quarantine id>")
      .argument('<host>', 'host id or hostname')
      .argument('<action>', RESPONSE_ACTIONS.join(', '))
      .argument('<target>', 'IP address, process id, absolute file path or quarantine id'),
  )
    .option('--duration <duration>', 'block: how long (30s, 15m, 1h, 7d or permanent)', '1h')
    .action(
      action(async (host: string, what: string, target: string, flags: ServerFlags & { duration: string }) => {
        const format = formatOf(flags.format, ['table', 'json'] as const);
        if (!(RESPONSE_ACTIONS as readonly string[]).includes(what)) throw new BulwarkError('InvalidParameter', { field: 'ACTION', reason: `expected one of ${RESPONSE_ACTIONS.join(', ')}` });
        const response = { action: what, target, ...(what === 'block' ? { durationSeconds: parseDuration(flags.duration) } : {}) };
        const { Task } = await call<{ Task: TaskView }>(flags, 'tasks', RESPOND_HOST_ACTION, { host, kind: 'respond', response });
        if (format === 'json') process.stdout.write(`${JSON.stringify(Task)}\n`);
        else process.stdout.write(`task ${Task.TaskId} queued for host ${Task.HostId}: ${what} ${target}\n`);
        return EXIT_OK;
      }),
    );

  withServer(hosts.command('undo').description('queue the response action that reverses a finished one (unblock a block, restore a quarantine)').argument('<host>', 'host id or hostname').argument('<taskId>', 'the task id of the response action')).action(
    action(async (host: string, taskId: string, flags: ServerFlags) => {
      const format = formatOf(flags.format, ['table', 'json'] as const);
      const { Task } = await call<{ Task: TaskView }>(flags, 'tasks/undo', RESPOND_HOST_ACTION, { host, taskId });
      if (format === 'json') process.stdout.write(`${JSON.stringify(Task)}\n`);
      else process.stdout.write(`task ${Task.TaskId} queued for host ${Task.HostId}: ${Task.Response?.action ?? ''} ${Task.Response?.target ?? ''}\n`);
      return EXIT_OK;
    }),
  );
}
