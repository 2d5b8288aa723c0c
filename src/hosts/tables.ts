import type { ColumnType } from 'kysely';

/** A column added by a later migration: optional on insert. */
type Added<T> = ColumnType<T, T | undefined, T>;

/** Tables of the hosts context (created by `migrations.ts`). Times are ISO 8601 strings. */
export interface HostsTables {
  hosts_hosts: {
    id: string;
    account_id: string;
    hostname: string;
    label: string;
    /** the RAM user `host-<id>` whose AccessKey the agent signs with */
    user_id: string;
    user_name: string;
    os: string;
    agent_version: string;
    enrolled_at: string;
    last_seen_at: string | null;
    /** the primary IP address from the latest inventory ('' before one) */
    address: Added<string>;
  };
  hosts_enrollment_tokens: {
    id: string;
    account_id: string;
    /** SHA-256 (hex) of the token; the token itself is never stored */
    token_hash: string;
    label: string;
    created_by: string;
    created_at: string;
    expires_at: string;
    used_at: string | null;
    host_id: string | null;
  };
  hosts_inventories: {
    host_id: string;
    account_id: string;
    collected_at: string;
    received_at: string;
    /** the latest inventory (JSON) */
    inventory: string;
  };
  hosts_inventory_changes: {
    id: string;
    host_id: string;
    account_id: string;
    at: string;
    kind: string;
    /** what changed (JSON) */
    detail: string;
  };
  hosts_baseline_policies: {
    host_id: string;
    policy_id: string;
    account_id: string;
    name: string;
    passed: number;
    failed: number;
    not_applicable: number;
    /** passed / (passed + failed), percent (0–100) */
    pass_rate: number;
    skipped: string | null;
    scanned_at: string;
  };
  hosts_baseline_results: {
    host_id: string;
    policy_id: string;
    check_id: string;
    account_id: string;
    title: string;
    result: 'passed' | 'failed' | 'not applicable';
    reason: string | null;
    remediation: string | null;
    compliance: string;
    /** the check's policy text as reported (JSON: description, rationale, references, condition, rules) */
    details: Added<string | null>;
    /** when the result last changed */
    since: string;
  };
  hosts_tasks: {
    id: string;
    host_id: string;
    account_id: string;
    kind: 'scan' | 'respond';
    status: 'pending' | 'delivered' | 'done' | 'failed';
    created_by: string;
    created_at: string;
    delivered_at: string | null;
    finished_at: string | null;
    message: string | null;
    /** a response action's request (JSON `ResponseParams`) */
    params: Added<string | null>;
    /** what the agent did (JSON `ResponseResult`: outcome, undo) */
    result: Added<string | null>;
  };
}
