import { api } from '../../api/client.js';

/** Shapes of the hosts API answers (src/hosts/host-summary.ts, tasks.ts, tokens.ts; src/agent/vuln). */

export type RiskLevel = 'none' | 'low' | 'medium' | 'high' | 'critical';
export interface Risk {
  Score: number;
  Level: RiskLevel;
  Parts: { Vulnerabilities: number; Baseline: number; Intrusions: number };
}

export interface HostSummary {
  HostId: string;
  Hostname: string;
  Label: string;
  Os: string;
  AgentVersion: string;
  UserName: string;
  EnrolledAt: string;
  LastSeenAt: string | null;
  InventoryCollectedAt: string | null;
  Baseline: { Passed: number; Failed: number; NotApplicable: number; PassRate: number };
  Address: string;
  Status: 'online' | 'offline';
  Vulnerabilities: { Critical: number; High: number; Medium: number; Low: number; Total: number };
  Alerts: { High: number; Total: number } | null;
  Risk: Risk;
}

export type CheckResult = 'passed' | 'failed' | 'not applicable';
export interface Check {
  PolicyId: string;
  CheckId: string;
  Title: string;
  Result: CheckResult;
  Reason: string | null;
  Remediation: string | null;
  Compliance: Record<string, string[]>;
  Description?: string;
  Rationale?: string;
  References?: string[];
  Condition?: 'all' | 'any' | 'none';
  Rules?: string[];
  Since: string;
}

export interface Policy {
  PolicyId: string;
  Name: string;
  Passed: number;
  Failed: number;
  NotApplicable: number;
  PassRate: number;
  Skipped?: string;
  ScannedAt: string;
}

export type ResponseAction = 'block' | 'unblock' | 'kill' | 'quarantine' | 'restore';
export interface Task {
  TaskId: string;
  HostId: string;
  Kind: 'scan' | 'respond';
  Status: 'pending' | 'delivered' | 'done' | 'failed';
  CreatedBy: string;
  CreateDate: string;
  DeliveredDate?: string;
  FinishedDate?: string;
  Message?: string;
  Response?: { action: ResponseAction; target: string; durationSeconds?: number; undoOf?: string };
  Result?: { id: string; outcome: 'done' | 'unchanged'; details: Record<string, unknown>; undo: { action: ResponseAction; target: string } | null };
}

export interface HostDetail {
  Host: HostSummary;
  Policies: Policy[];
  Checks: Check[];
  Responses: Task[];
  Tasks: Task[];
}

export interface Token {
  TokenId: string;
  Label: string;
  CreatedBy: string;
  CreateDate: string;
  ExpiresAt: string;
  Status: 'unused' | 'used' | 'expired';
  UsedAt?: string;
  HostId?: string;
}

export interface CreatedToken {
  TokenId: string;
  Token: string;
  Label: string;
  ExpiresAt: string;
}

export interface VulnFinding {
  hostId: string;
  advisoryId: string;
  aliases: string[];
  summary: string;
  package: string;
  sourcePackage: string;
  installedVersion: string;
  fixedVersion: string | null;
  severity: string;
  score: number | null;
  rating: string | null;
  remediation: string | null;
  status: 'open' | 'resolved';
  firstSeen: string;
  lastSeen: string;
  resolvedAt: string | null;
}

/** The inventory sections the console shows (src/agent/collectors/inventory.ts). */
export interface Inventory {
  collectedAt: string;
  os: { prettyName: string } | null;
  kernel: { release: string; machine: string } | null;
  hardware: { cpuModel: string; logicalCpus: number; memoryTotalBytes: number } | null;
  addresses: Array<{ interface: string; address: string; family: string; internal: boolean }>;
  packages: Array<{ manager: string; name: string; version: string; arch: string; source: string }>;
  ports: Array<{ transport: string; family: string; address: string; port: number; pid: number | null; process: string | null }>;
  users: Array<{ name: string; uid: number; home: string; shell: string; password: string; sudo: boolean }>;
  processes: Array<{ pid: number; ppid: number; name: string; state: string; uid: number | null; commandLine: string; rssBytes: number }>;
  units: Array<{ name: string; state: string; description: string }>;
  authorizedKeys: Array<{ user: string; type: string; fingerprint: string; comment: string }>;
  cron: Array<{ user: string; schedule: string; command: string; source: string }>;
}

export const hostsApi = {
  summary: (q: { filter: string; status?: 'online' | 'offline'; pageNumber: number; pageSize: number }) => api.post<{ Hosts: HostSummary[]; TotalCount: number; PageNumber: number; PageSize: number }>('/hosts/summary', q),
  detail: (host: string) => api.post<HostDetail>('/hosts/detail', { host }),
  inventory: (host: string) => api.post<{ Inventory: Inventory | null }>('/hosts/findings', { host, inventory: true }),
  vulns: (host: string, status: 'open' | 'resolved' | 'all') => api.post<{ findings: VulnFinding[] }>('/vuln/findings', { host, status }),
  createToken: (body: { ttlSeconds: number; label: string }) => api.post<CreatedToken>('/hosts/tokens', body),
  tokens: () => api.post<{ Tokens: Token[] }>('/hosts/tokens/list'),
  revokeToken: (tokenId: string) => api.post('/hosts/tokens/revoke', { tokenId }),
  scan: (host: string) => api.post<{ Task: Task }>('/hosts/tasks', { host, kind: 'scan' }),
  respond: (host: string, response: { action: ResponseAction; target: string; durationSeconds?: number }) => api.post<{ Task: Task }>('/hosts/tasks', { host, kind: 'respond', response }),
  undo: (host: string, taskId: string) => api.post<{ Task: Task }>('/hosts/tasks/undo', { host, taskId }),
  remove: (host: string) => api.post('/hosts/delete', { host }),
};

/** The changes the hosts pages offer; without any of them the pages say they are read-only. */
export const HOST_WRITES: readonly string[] = ['bulwark:CreateEnrollmentToken', 'bulwark:RevokeEnrollmentToken', 'bulwark:CreateHostTask', 'bulwark:CreateHostResponse', 'bulwark:DeleteHost'];
