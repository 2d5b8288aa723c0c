import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { BulwarkError } from '../../core/errors.js';
import { notifyConfig, type NotifyConfig } from './channel-config.js';

/** `<dataDir>/events/notify.yaml`; absent means no channels (alerts are still stored). */
export function notifyConfigPath(dataDir: string): string {
  return join(dataDir, 'events', 'notify.yaml');
}

export function loadNotifyConfig(dataDir: string): NotifyConfig {
  const path = notifyConfigPath(dataDir);
  if (!existsSync(path)) return notifyConfig.parse({});
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new BulwarkError('InvalidConfig.File', { path, reason: e instanceof Error ? (e.message.split('\n')[0] ?? 'invalid YAML') : 'invalid YAML' });
  }
  const parsed = notifyConfig.safeParse(doc ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BulwarkError('Events.InvalidChannel', { channel: path, field: issue?.path.join('.') || '(root)', reason: issue?.message ?? 'invalid' });
  }
  return parsed.data;
}
