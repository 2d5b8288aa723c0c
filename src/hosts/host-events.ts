import type { HostChange } from './changes.js';

export interface EventHost {
  id: string;
  accountId: string;
  hostname: string;
}

const EVENT_TYPE: Readonly<Record<string, string>> = { added: 'creation', opened: 'creation', removed: 'deletion', closed: 'deletion' };

/** ECS documents (for the event store) describing changes on a host. */
export function hostChangeEvents(host: EventHost, changes: readonly HostChange[], at: string): Record<string, unknown>[] {
  return changes.map((c) => {
    const baseline = c.kind.startsWith('check-');
    const category = c.kind.split('-').slice(0, -1).join('-');
    const action = c.kind.split('-').at(-1) ?? '';
    return {
      '@timestamp': at,
      message: `${host.hostname}: ${c.summary}`,
      'event.kind': c.kind === 'check-failed' ? 'alert' : 'event',
      'event.category': baseline ? 'configuration' : category === 'port' ? 'network' : category === 'package' ? 'package' : category === 'user' || category === 'group' || category === 'sudo-rule' || category === 'authorized-key' ? 'iam' : 'host',
      'event.type': baseline ? 'change' : (EVENT_TYPE[action] ?? 'change'),
      'event.action': baseline ? `baseline-${c.kind}` : c.kind,
      'event.outcome': c.kind === 'check-failed' ? 'failure' : 'success',
      'event.severity': c.severity,
      'event.module': 'agent',
      'event.dataset': baseline ? 'agent.baseline' : 'agent.inventory',
      'host.id': host.id,
      'host.name': host.hostname,
      'host.hostname': host.hostname,
      'bulwark.agent_id': host.id,
      'cloud.account.id': host.accountId,
      ...c.ecs,
    };
  });
}
