/** KMS tables (Kysely row types). Timestamps are ISO-8601 UTC strings; booleans are 0/1 integers. */
export interface KmsTables {
  kms_keys: {
    id: string;
    account_id: string;
    region: string;
    description: string;
    key_spec: string;
    key_usage: string;
    origin: string;
    protection_level: string;
    state: string;
    creator: string;
    created_at: string;
    updated_at: string;
    /** when a PendingDeletion key is destroyed */
    delete_at: string | null;
    deletion_protection: number;
    deletion_protection_description: string;
    primary_version_id: string;
    automatic_rotation: string;
    rotation_interval_seconds: number | null;
    last_rotation_at: string | null;
    next_rotation_at: string | null;
    /** Origin=EXTERNAL: when the imported material expires (null: never, or none imported) */
    material_expire_at: string | null;
    /** Origin=EXTERNAL: HMAC check value of the first imported material; re-imports must match it */
    import_check: string | null;
  };
  kms_key_versions: {
    key_id: string;
    version_id: string;
    created_at: string;
    /** which keyring wrapped the material: `file` or `pkcs11` */
    keyring: string;
    /** key material, wrapped by the keyring; never stored in the clear */
    wrapped_material: string;
    /** SPKI PEM of asymmetric keys */
    public_key: string | null;
  };
  kms_aliases: {
    account_id: string;
    region: string;
    alias_name: string;
    key_id: string;
    created_at: string;
    updated_at: string;
  };
  kms_tags: {
    account_id: string;
    resource_type: string;
    resource_id: string;
    tag_key: string;
    tag_value: string;
  };
  kms_keyring_state: {
    name: string;
    value: string;
  };
  kms_secrets: {
    account_id: string;
    region: string;
    name: string;
    description: string;
    encryption_key_id: string;
    secret_type: string;
    created_at: string;
    updated_at: string;
    /** set while the secret waits for deletion */
    delete_at: string | null;
    automatic_rotation: string;
    rotation_interval_seconds: number | null;
    last_rotation_at: string | null;
    next_rotation_at: string | null;
  };
  kms_secret_versions: {
    account_id: string;
    region: string;
    secret_name: string;
    version_id: string;
    created_at: string;
    data_type: string;
    /** the value encrypted by the secret's KMS key (Bulwark ciphertext blob) */
    ciphertext: string;
    /** JSON array of version stages, e.g. ["ACSCurrent"] */
    stages: string;
  };
}
