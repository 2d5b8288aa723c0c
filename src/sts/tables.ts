/** Temporary credentials issued by AssumeRole. The secret is sealed; the token is stored hashed. */
export interface StsTables {
  sts_sessions: {
    access_key_id: string;
    account_id: string;
    role_id: string;
    role_name: string;
    /** SHA-256 of the role's trust policy at issue time: a changed trust policy revokes the session */
    trust_hash: string;
    session_name: string;
    secret_sealed: string;
    token_hash: string;
    session_policy: string | null;
    caller_arn: string;
    created_at: string;
    expires_at: string;
  };
}
