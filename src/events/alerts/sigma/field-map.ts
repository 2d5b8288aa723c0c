import type { FieldRef } from '../../query/ast.js';

/**
 * Sigma → ECS: which of our fields a Sigma field name means, and which events a logsource covers.
 * Unmapped Sigma fields are looked up in the extra map under their own name (`extra.a0`), which is
 * where producers such as the agent's auditd collector put them.
 */
const FIELDS: Readonly<Record<string, string>> = {
  // process creation (Sysmon-for-Linux / auditd names)
  Image: 'process.executable',
  CommandLine: 'process.command_line',
  ParentImage: 'process.parent.executable',
  ParentCommandLine: 'process.parent.command_line',
  CurrentDirectory: 'process.working_directory',
  ProcessId: 'process.pid',
  ParentProcessId: 'process.parent.pid',
  User: 'user.name',
  exe: 'process.executable',
  comm: 'process.name',
  // files
  TargetFilename: 'file.path',
  // network
  DestinationIp: 'destination.ip',
  DestinationPort: 'destination.port',
  DestinationHostname: 'destination.domain',
  SourceIp: 'source.ip',
  SourcePort: 'source.port',
  Protocol: 'network.transport',
  dst_ip: 'destination.ip',
  // web server and proxy (W3C names)
  'c-ip': 'source.ip',
  'cs-method': 'http.request.method',
  'cs-uri-query': 'url.query',
  'c-uri-query': 'url.query',
  'cs-uri-stem': 'url.path',
  'c-uri': 'url.original',
  'cs-uri': 'url.original',
  'c-uri-extension': 'file.extension',
  'sc-status': 'http.response.status_code',
  'c-useragent': 'user_agent.original',
  'cs-user-agent': 'user_agent.original',
  'cs-referer': 'http.request.referrer',
  'cs-host': 'url.domain',
  'r-dns': 'url.domain',
};

export function mapSigmaField(name: string): FieldRef {
  const ecs = FIELDS[name];
  return ecs ? { kind: 'schema', name: ecs } : { kind: 'extra', key: name };
}

export interface LogSource {
  category?: string | undefined;
  product?: string | undefined;
  service?: string | undefined;
}

/** Conditions (ECS field = value) an event must meet to belong to a logsource; undefined = unmapped. */
export function logsourceFilter(ls: LogSource): Array<[string, string]> | undefined {
  const out: Array<[string, string]> = [];
  switch (ls.category) {
    case undefined:
      break;
    case 'process_creation':
      out.push(['event.category', 'process']);
      break;
    case 'file_event':
    case 'file_change':
    case 'file_delete':
    case 'file_rename':
      out.push(['event.category', 'file']);
      break;
    case 'network_connection':
      out.push(['event.category', 'network']);
      break;
    case 'webserver':
    case 'proxy':
      out.push(['event.category', 'web']);
      break;
    default:
      return undefined;
  }
  if (ls.service !== undefined) {
    if (!/^[a-z0-9_-]{1,40}$/.test(ls.service)) return undefined;
    // auditd, sshd, syslog, cron, vsftpd, clamav, guacamole, … : the producing service
    out.push(['event.provider', ls.service]);
  }
  return out;
}
