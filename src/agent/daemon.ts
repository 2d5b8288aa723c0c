import { hostname } from 'node:os';
import { z } from 'zod';
import type { Logger } from '../core/logger.js';
import { collectInventory } from './collectors/collect.js';
import type { AgentModule } from './daemon-module.js';
import type { HostClient } from './host-client.js';
import { responseEvent } from './respond/response-event.js';
import { responseTaskSchema, runResponseTask, taskResult, type ResponseTaskContext } from './respond/task-runner.js';
import { scanOnce } from './scan.js';

export interface DaemonOptions {
  client: Pick<HostClient, 'report' | 'hostId'> & Partial<Pick<HostClient, 'connection'>>;
  logger: Logger;
  agentVersion: string;
  /** directory standing in for `/` (default `/`) */
  root?: string;
  /** SCA policy files instead of the built-in policies */
  policyFiles?: readonly string[];
  /** heartbeat and task polling period */
  heartbeatMs: number;
  /** full collection (inventory + baseline) period */
  intervalMs: number;
  /** state dir handed to modules */
  stateDir?: string;
  /** modules running beside the report loop (see `daemon-module.ts`) */
  modules?: readonly AgentModule[];
  /** how response tasks (block, kill, quarantine…) run; tests point nftables at a namespace */
  respond?: Omit<ResponseTaskContext, 'stateDir'>;
}

const tasksResponse = z.object({ Tasks: z.array(z.object({ TaskId: z.string(), Kind: z.string() }).loose()).max(100) }).loose();
type Task = z.output<typeof tasksResponse>['Tasks'][number];

/**
 * `bulwark agent run`: heartbeats, pulls tasks ("scan now", response actions from the console), and collects and reports the inventory
 * and baseline results every `intervalMs` (and on a scan task). Failures are logged and retried on
 * the next tick. `stop()` lets the step in progress finish, then `run()` resolves.
 */
export class AgentDaemon {
  private stopping = false;
  private wake: (() => void) | undefined;
  private cycles = 0;

  constructor(private readonly options: DaemonOptions) {}

  get completedCycles(): number {
    return this.cycles;
  }

  stop(): void {
    this.stopping = true;
    this.wake?.();
  }

  async run(): Promise<void> {
    const { logger } = this.options;
    const started = await this.startModules();
    let nextCollect = 0;
    while (!this.stopping) {
      await this.step('heartbeat', () => this.options.client.report('heartbeat', { agentVersion: this.options.agentVersion, hostname: hostname() }));
      const tasks = (await this.step('tasks', () => this.pullTasks())) ?? [];
      const scans = tasks.filter((t) => t.Kind === 'scan');
      if (!this.stopping && (Date.now() >= nextCollect || scans.length > 0)) {
        const outcome = await this.step('collect', () => this.collectAndReport());
        nextCollect = Date.now() + this.options.intervalMs;
        for (const t of scans) {
          await this.step('ack', () => this.options.client.report('tasks/ack', { taskId: t.TaskId, status: outcome ? 'done' : 'failed', message: outcome ? outcome : 'collection failed; see the agent log' }));
        }
      }
      for (const t of tasks.filter((x) => x.Kind === 'respond')) await this.step('respond', () => this.respond(t));
      this.cycles += 1;
      if (!this.stopping) await this.sleep(this.options.heartbeatMs);
    }
    for (const m of started.reverse()) await this.step(`${m.name} stop`, () => m.stop());
    logger.info({ host: this.options.client.hostId }, 'agent stopped');
  }

  private async startModules(): Promise<AgentModule[]> {
    const { client, logger } = this.options;
    const ctx = {
      hostId: client.hostId,
      stateDir: this.options.stateDir ?? '.',
      root: this.options.root ?? '/',
      logger,
      sendEvents: async (docs: readonly Record<string, unknown>[]) => void (await client.report('events', docs)),
      ...(client.connection ? { connection: client.connection } : {}),
    };
    const started: AgentModule[] = [];
    for (const m of this.options.modules ?? []) {
      const ok = await this.step(`${m.name} start`, async () => {
        await m.start(ctx);
        return true;
      });
      if (ok) started.push(m);
    }
    return started;
  }

  /** Collects the inventory and runs the baseline, then reports both; returns a one-line summary. */
  async collectAndReport(): Promise<string> {
    const { client, logger } = this.options;
    const root = this.options.root ?? '/';
    const inventory = await collectInventory({ root });
    const inv = (await client.report('inventory', inventory)) as { Changes?: number };
    const scan = await scanOnce({ root, policyFiles: this.options.policyFiles ?? [], inventory: false });
    const policies = scan.policies.map((p) => ({ id: p.id, name: p.name, ...(p.skipped ? { skipped: p.skipped } : {}), checks: p.checks }));
    const base = (await client.report('baseline', { policies })) as { Policies?: Array<{ policyId: string; passRate: number }>; Changes?: number };
    const summary = `inventory: ${inventory.packages.length} packages, ${inventory.ports.length} listening ports (${inv.Changes ?? 0} changes); baseline: ${policies.length} policies (${base.Changes ?? 0} changes)`;
    logger.info({ host: client.hostId, packages: inventory.packages.length, ports: inventory.ports.length, policies: base.Policies ?? [] }, 'reported inventory and baseline');
    return summary;
  }

  /**
   * Runs a response action queued on the server, logs it on the host, sends it as an
   * `agent.response` event, and acknowledges it with the outcome and its undo (or the error).
   */
  private async respond(t: Task): Promise<void> {
    const { client } = this.options;
    const parsed = responseTaskSchema.safeParse(t);
    if (!parsed.success) {
      await client.report('tasks/ack', { taskId: t.TaskId, status: 'failed', message: 'this agent cannot read the response action' });
      return;
    }
    let logged;
    try {
      logged = await runResponseTask(parsed.data, { ...this.options.respond, stateDir: this.options.stateDir ?? '.' });
    } catch (e) {
      await client.report('tasks/ack', { taskId: t.TaskId, status: 'failed', message: (e instanceof Error ? e.message : String(e)).slice(0, 1024) });
      return;
    }
    this.options.logger.info({ host: client.hostId, task: t.TaskId, action: logged.action, target: logged.target, outcome: logged.outcome }, 'ran a response action from the server');
    await this.step('respond event', async () => void (await client.report('events', [responseEvent(logged)])));
    await client.report('tasks/ack', { taskId: t.TaskId, status: 'done', message: `${logged.action} ${logged.target}: ${logged.outcome}`.slice(0, 1024), result: taskResult(logged) });
  }

  private async pullTasks(): Promise<Task[]> {
    const parsed = tasksResponse.safeParse(await this.options.client.report('tasks/pull', {}));
    return parsed.success ? parsed.data.Tasks : [];
  }

  private async step<T>(name: string, fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (e) {
      this.options.logger.warn({ err: e, step: name }, `agent ${name} failed`);
      return undefined;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
