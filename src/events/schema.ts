/**
 * The event schema: Elastic Common Schema (ECS) field names, each with a type that decides how it is
 * stored (a typed column) and searched. Anything else an event carries goes to the `extra` JSON map.
 */
export type FieldType = 'keyword' | 'text' | 'long' | 'double' | 'date' | 'ip' | 'boolean';

export interface FieldDef {
  /** ECS dotted name, e.g. `source.ip` */
  readonly name: string;
  readonly type: FieldType;
  /** SQL column name (derived: dots and `@` become `_`; `@timestamp` is `ts`) */
  readonly column: string;
  readonly description: string;
}

type Row = readonly [name: string, type: FieldType, description: string];

const ROWS: readonly Row[] = [
  ['@timestamp', 'date', 'When the event happened (ISO 8601 or epoch milliseconds); defaults to the ingest time.'],
  ['message', 'text', 'Human-readable message; the target of free-text search.'],
  ['event.id', 'keyword', 'Unique id of the event; generated when absent.'],
  ['event.kind', 'keyword', 'alert, event, metric, state, signal.'],
  ['event.category', 'keyword', 'authentication, network, process, file, web, intrusion_detection, …'],
  ['event.type', 'keyword', 'start, end, denied, allowed, creation, deletion, access, …'],
  ['event.action', 'keyword', 'The action captured (e.g. `user-login`, `waf-block`).'],
  ['event.outcome', 'keyword', 'success, failure, unknown.'],
  ['event.severity', 'long', 'Numeric severity (0–100 in Bulwark).'],
  ['event.module', 'keyword', 'Producer module (gateway, agent, audit, …).'],
  ['event.dataset', 'keyword', 'Producer dataset (gateway.access, agent.process, …).'],
  ['event.provider', 'keyword', 'Source of the event (e.g. `sshd`, `auditd`).'],
  ['event.code', 'keyword', 'Producer-specific event code.'],
  ['event.duration', 'long', 'Duration in nanoseconds.'],
  ['source.ip', 'ip', 'Source IP address (IPv4 or IPv6); supports CIDR search.'],
  ['source.port', 'long', 'Source port.'],
  ['source.domain', 'keyword', 'Source domain name.'],
  ['source.bytes', 'long', 'Bytes sent by the source.'],
  ['source.geo.country_iso_code', 'keyword', 'Source country (ISO 3166 alpha-2).'],
  ['source.geo.city_name', 'keyword', 'Source city.'],
  ['destination.ip', 'ip', 'Destination IP address; supports CIDR search.'],
  ['destination.port', 'long', 'Destination port.'],
  ['destination.domain', 'keyword', 'Destination domain name.'],
  ['destination.bytes', 'long', 'Bytes sent by the destination.'],
  ['destination.geo.country_iso_code', 'keyword', 'Destination country (ISO 3166 alpha-2).'],
  ['host.name', 'keyword', 'Host name as configured.'],
  ['host.hostname', 'keyword', 'Host name reported by the OS.'],
  ['host.id', 'keyword', 'Unique host id (agent id for Bulwark hosts).'],
  ['host.ip', 'ip', 'Primary host IP address.'],
  ['host.os.name', 'keyword', 'Operating system name.'],
  ['host.os.platform', 'keyword', 'Operating system platform (linux, windows, darwin).'],
  ['user.name', 'keyword', 'User name.'],
  ['user.id', 'keyword', 'User id.'],
  ['user.domain', 'keyword', 'User domain.'],
  ['url.original', 'keyword', 'The URL as seen (path and query).'],
  ['url.path', 'keyword', 'URL path.'],
  ['url.query', 'keyword', 'URL query string (without `?`).'],
  ['url.domain', 'keyword', 'URL host.'],
  ['url.scheme', 'keyword', 'URL scheme.'],
  ['http.request.method', 'keyword', 'HTTP method.'],
  ['http.request.referrer', 'keyword', 'Referer header.'],
  ['http.request.bytes', 'long', 'Request size in bytes.'],
  ['http.response.status_code', 'long', 'HTTP status code.'],
  ['http.response.bytes', 'long', 'Response size in bytes.'],
  ['http.version', 'keyword', 'HTTP version.'],
  ['user_agent.original', 'keyword', 'User-Agent header.'],
  ['rule.id', 'keyword', 'Id of the rule that produced the event (WAF, Sigma, baseline).'],
  ['rule.name', 'keyword', 'Name of that rule.'],
  ['rule.category', 'keyword', 'Category of that rule.'],
  ['process.pid', 'long', 'Process id.'],
  ['process.name', 'keyword', 'Process name (basename).'],
  ['process.executable', 'keyword', 'Absolute path of the process executable.'],
  ['process.command_line', 'keyword', 'Full command line.'],
  ['process.working_directory', 'keyword', 'Working directory.'],
  ['process.parent.pid', 'long', 'Parent process id.'],
  ['process.parent.name', 'keyword', 'Parent process name.'],
  ['process.parent.executable', 'keyword', 'Parent executable path.'],
  ['process.parent.command_line', 'keyword', 'Parent command line.'],
  ['file.path', 'keyword', 'Full file path.'],
  ['file.name', 'keyword', 'File name.'],
  ['file.extension', 'keyword', 'File extension.'],
  ['file.size', 'long', 'File size in bytes.'],
  ['file.hash.sha256', 'keyword', 'SHA-256 of the file.'],
  ['network.protocol', 'keyword', 'Application protocol (http, dns, ssh).'],
  ['network.transport', 'keyword', 'tcp, udp, icmp.'],
  ['network.direction', 'keyword', 'inbound, outbound, internal, external.'],
  ['network.bytes', 'long', 'Total bytes.'],
  ['cloud.account.id', 'keyword', 'Bulwark (Alibaba-compatible) account id the event belongs to.'],
  ['cloud.provider', 'keyword', 'Cloud provider.'],
  ['cloud.region', 'keyword', 'Cloud region.'],
  ['observer.name', 'keyword', 'Name of the observer (gateway or agent) that saw the event.'],
  ['observer.type', 'keyword', 'waf, agent, server.'],
  ['service.name', 'keyword', 'Service the event is about.'],
  ['log.level', 'keyword', 'Log level of the original record.'],
  ['threat.technique.id', 'keyword', 'MITRE ATT&CK technique id.'],
  ['bulwark.site', 'keyword', 'Gateway site id.'],
  ['bulwark.request_id', 'keyword', 'Bulwark request id.'],
  ['bulwark.agent_id', 'keyword', 'Agent id.'],
  ['bulwark.gateway_id', 'keyword', 'Gateway id.'],
  ['bulwark.action', 'keyword', 'Decision taken: block, allow, log, challenge.'],
  ['bulwark.score', 'double', 'Anomaly score.'],
  ['bulwark.blocked', 'boolean', 'Whether the request or action was blocked.'],
];

function columnOf(name: string): string {
  return name === '@timestamp' ? 'ts' : name.replace(/[.@]/g, '_');
}

/** Every typed field, in a stable order (the column order of the store). */
export const FIELDS: readonly FieldDef[] = Object.freeze(ROWS.map(([name, type, description]) => Object.freeze({ name, type, column: columnOf(name), description })));

const BY_NAME = new Map(FIELDS.map((f) => [f.name, f]));

/** The field definition of a name, or undefined (callers turn that into an error with suggestions). */
export function fieldByName(name: string): FieldDef | undefined {
  return BY_NAME.get(name);
}

/** Name of the JSON map that holds fields outside the schema; searched as `extra.<key>`. */
export const EXTRA_FIELD = 'extra';
export const TIMESTAMP_FIELD = '@timestamp';
export const MESSAGE_FIELD = 'message';
