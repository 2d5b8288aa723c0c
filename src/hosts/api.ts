/**
 * The hosts HTTP API's paths and RAM actions, shared by the server routes, the agent and the
 * `bulwark hosts` client (no server code here).
 */
export const ENROLL_PATH = '/api/agent/enroll';
export const HOSTS_API = '/api/hosts';

/** What a host identity may do, only on its own `host/<id>` resource. */
export const REPORT_HOST_ACTION = 'bulwark:ReportHost';
export const GET_HOST_TASKS_ACTION = 'bulwark:GetHostTasks';
/** Administrative calls, on `acs:bulwark:*:*:host/*`. */
export const CREATE_TOKEN_ACTION = 'bulwark:CreateEnrollmentToken';
export const LIST_HOSTS_ACTION = 'bulwark:ListHosts';
export const GET_FINDINGS_ACTION = 'bulwark:GetHostFindings';
export const CREATE_TASK_ACTION = 'bulwark:CreateHostTask';
export const DELETE_HOST_ACTION = 'bulwark:DeleteHost';
export const LIST_TOKENS_ACTION = 'bulwark:ListEnrollmentTokens';
export const REVOKE_TOKEN_ACTION = 'bulwark:RevokeEnrollmentToken';
/** Response actions on a host (block an IP, kill a process, quarantine a file, and their undo). */
export const RESPOND_HOST_ACTION = 'bulwark:CreateHostResponse';

export type AgentReport = 'heartbeat' | 'inventory' | 'baseline' | 'events' | 'tasks/pull' | 'tasks/ack';
export type AdminCall = 'tokens' | 'tokens/list' | 'tokens/revoke' | 'list' | 'summary' | 'detail' | 'findings' | 'tasks' | 'tasks/undo' | 'delete';

/** Agent report paths, under `/api/hosts/<hostId>/`. */
export const hostPath = (hostId: string, what: AgentReport): string => `${HOSTS_API}/${hostId}/${what}`;
export const adminPath = (what: AdminCall): string => `${HOSTS_API}/${what}`;
