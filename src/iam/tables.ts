/** Tables owned by the IAM (RAM) context. Times are ISO 8601 UTC strings (`2026-01-01T00:00:00Z`). */
export interface IamTables {
  iam_accounts: { id: string; alias: string | null; created_at: string };
  iam_users: {
    id: string;
    account_id: string;
    name: string;
    display_name: string;
    email: string;
    mobile_phone: string;
    comments: string;
    created_at: string;
    updated_at: string;
    last_login_at: string | null;
  };
  iam_groups: { id: string; account_id: string; name: string; comments: string; created_at: string; updated_at: string };
  iam_group_members: { account_id: string; group_id: string; user_id: string; joined_at: string };
  iam_roles: {
    id: string;
    account_id: string;
    name: string;
    description: string;
    trust_policy: string;
    max_session_duration: number;
    created_at: string;
    updated_at: string;
  };
  /** Custom policies have the owning account; system policies have account_id '*'. */
  iam_policies: {
    id: string;
    account_id: string;
    name: string;
    type: 'System' | 'Custom';
    description: string;
    default_version: string;
    next_version: number;
    created_at: string;
    updated_at: string;
  };
  iam_policy_versions: { policy_id: string; version_id: string; document: string; created_at: string };
  iam_attachments: {
    account_id: string;
    policy_id: string;
    principal_type: 'User' | 'Group' | 'Role';
    principal_id: string;
    attached_at: string;
  };
  iam_access_keys: {
    id: string;
    account_id: string;
    /** null for the root identity's keys */
    user_id: string | null;
    secret_sealed: string;
    status: 'Active' | 'Inactive';
    created_at: string;
    updated_at: string;
    last_used_at: string | null;
    last_used_service: string | null;
  };
  iam_login_profiles: {
    user_id: string;
    account_id: string;
    password_hash: string;
    password_reset_required: number;
    mfa_bind_required: number;
    created_at: string;
    updated_at: string;
    /** null until the first change after 0002_signin (then MaxPasswordAge counts from created_at) */
    password_changed_at?: string | null;
  };
  iam_mfa_devices: {
    serial_number: string;
    account_id: string;
    name: string;
    secret_sealed: string;
    user_id: string | null;
    activated_at: string | null;
    created_at: string;
  };
  /** Per-account JSON settings: password policy, security preference. */
  iam_settings: { account_id: string; name: string; value: string; updated_at: string };
  iam_tags: { account_id: string; resource_type: string; resource_id: string; tag_key: string; tag_value: string };
  /** Previous password hashes, for PasswordReusePrevention. */
  iam_password_history: { user_id: string; password_hash: string; created_at: string };
  /** Failed console sign-ins, for MaxLoginAttemps per hour. */
  iam_login_failures: { user_id: string; failed_at: string; source_ip: string };
  /** A user locked out until `locked_until` after too many failures. */
  iam_login_locks: { user_id: string; locked_until: string };
  /** TOTP steps already accepted per device: a code is single-use. */
  iam_mfa_used_steps: { serial_number: string; step: number };
  /** Console sessions; only hashes of the cookie and CSRF token are stored. */
  console_sessions: {
    id_hash: string;
    public_id: string;
    account_id: string;
    user_id: string;
    user_name: string;
    state: 'active' | 'mfa' | 'mfa_bind' | 'password_change';
    mfa_verified: number;
    csrf_hash: string;
    source_ip: string;
    user_agent: string;
    created_at: string;
    last_seen_at: string;
    expires_at: string;
  };
}
