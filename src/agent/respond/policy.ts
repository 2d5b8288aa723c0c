import { BlockList } from 'node:net';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { BulwarkError } from '../../core/errors.js';
import { addToBlockList } from '../intrusion/ssh/ssh-detector.js';
import { parseDuration } from './duration.js';

const ruleSchema = z
  .object({
    /** `rule.id` of the alerts, or a prefix ending in `*` (`bulwark.process.*`) */
    match: z.string().min(1).max(200),
    /** only alerts at least this severe (`event.severity`, 0–100) */
    minSeverity: z.number().int().min(0).max(100).default(0),
    /** block `source.ip`, kill `process.pid`, quarantine `file.path` */
    action: z.enum(['block', 'kill', 'quarantine']),
    /** how long a block lasts (`1h`, `permanent`) */
    duration: z.string().default('1h'),
  })
  .strict();

export const responsePolicySchema = z
  .object({
    rules: z.array(ruleSchema).max(200).default([]),
    /** addresses and CIDRs never blocked (your own networks, monitoring) */
    neverBlock: z.array(z.string()).max(1000).default([]),
    /** at most this many actions per batch of alerts (a flood never turns into a mass block) */
    maxActionsPerBatch: z.number().int().min(1).max(10_000).default(50),
  })
  .strict();

export type ResponsePolicyInput = z.input<typeof responsePolicySchema>;

/** A checked response policy: durations in seconds, the never-block list compiled. */
export interface ResponsePolicy {
  rules: Array<{ match: string; minSeverity: number; action: 'block' | 'kill' | 'quarantine'; durationSeconds: number }>;
  neverBlock: BlockList;
  maxActionsPerBatch: number;
}

function invalid(source: string, field: string, reason: string): BulwarkError {
  return new BulwarkError('Agent.Respond.InvalidPolicy', { source, field, reason });
}

/** Validates a response policy (an object, e.g. the `response:` section of the agent config). */
export function compileResponsePolicy(value: unknown, source = 'response policy'): ResponsePolicy {
  const parsed = responsePolicySchema.safeParse(value ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(source, issue?.path.join('.') || '(root)', issue?.message ?? 'invalid');
  }
  const neverBlock = new BlockList();
  parsed.data.neverBlock.forEach((entry, i) => {
    try {
      addToBlockList(neverBlock, entry, `neverBlock.${i}`);
    } catch {
      throw invalid(source, `neverBlock.${i}`, `"${entry}" is not an IP address or CIDR`);
    }
  });
  const rules = parsed.data.rules.map((r, i) => {
    try {
      return { match: r.match, minSeverity: r.minSeverity, action: r.action, durationSeconds: parseDuration(r.duration, `rules.${i}.duration`) };
    } catch (e) {
      throw invalid(source, `rules.${i}.duration`, e instanceof Error ? e.message : String(e));
    }
  });
  return { rules, neverBlock, maxActionsPerBatch: parsed.data.maxActionsPerBatch };
}

/** Reads a response policy from YAML text. */
export function loadResponsePolicy(yamlText: string, source: string): ResponsePolicy {
  let value: unknown;
  try {
    value = parseYaml(yamlText);
  } catch (e) {
    throw invalid(source, '(yaml)', e instanceof Error ? e.message.split('\n')[0]! : String(e));
  }
  return compileResponsePolicy(value, source);
}
