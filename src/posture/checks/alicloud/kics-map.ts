/**
 * KICS Alibaba Cloud Terraform queries (by folder name in KICS's assets/queries/terraform/alicloud)
 * → the Bulwark checks that cover them. The conformance test runs these checks over KICS's fixtures.
 * Queries listed in KICS_UNMAPPED have a Bulwark check on the topic that deliberately disagrees.
 */
export const KICS_MAP: Readonly<Record<string, readonly string[]>> = {
  action_trail_logging_all_regions_disabled: ['BWK-ACTIONTRAIL-001', 'BWK-ACTIONTRAIL-002', 'BWK-ACTIONTRAIL-004'],
  actiontrail_trail_oss_bucket_is_publicly_accessible: ['BWK-ACTIONTRAIL-003'],
  alb_listening_on_http: ['BWK-ALB-001'],
  api_gateway_api_protocol_not_https: ['BWK-APIGW-001'],
  cs_kubernetes_node_pool_auto_repair_disabled: ['BWK-ACK-001'],
  disk_encryption_disabled: ['BWK-ECS-004'],
  ecs_data_disk_kms_key_id_undefined: ['BWK-ECS-005'],
  high_kms_key_rotation_period: ['BWK-KMS-001'],
  kubernetes_cluster_without_terway_as_cni_network_plugin: ['BWK-ACK-002'],
  launch_template_is_not_encrypted: ['BWK-ECS-006'],
  log_retention_is_not_greater_than_90_days: ['BWK-SLS-001'],
  nas_file_system_not_encrypted: ['BWK-NAS-001'],
  nas_file_system_without_kms: ['BWK-NAS-002'],
  no_ros_stack_policy: ['BWK-ROS-001'],
  oss_bucket_allows_all_actions_from_all_principals: ['BWK-OSS-001'],
  oss_bucket_allows_delete_from_all_principals: ['BWK-OSS-002'],
  oss_bucket_allows_list_action_from_all_principals: ['BWK-OSS-003'],
  oss_bucket_allows_put_action_from_all_principals: ['BWK-OSS-004'],
  oss_bucket_cmk_encryption_disabled: ['BWK-OSS-005'],
  oss_bucket_has_static_website: ['BWK-OSS-006'],
  oss_bucket_ip_restriction_disabled: ['BWK-OSS-007'],
  oss_bucket_lifecycle_disabled: ['BWK-OSS-008'],
  oss_bucket_logging_disabled: ['BWK-OSS-009'],
  oss_bucket_public_access_enabled: ['BWK-OSS-010'],
  oss_bucket_transfer_acceleration_disabled: ['BWK-OSS-011'],
  oss_bucket_versioning_disabled: ['BWK-OSS-012'],
  oss_buckets_securetransport_disabled: ['BWK-OSS-013'],
  public_security_group_rule_all_ports_or_protocols: ['BWK-ECS-001'],
  public_security_group_rule_sensitive_port: ['BWK-ECS-002'],
  public_security_group_rule_unknown_port: ['BWK-ECS-003'],
  ram_account_password_policy_max_login_attempts_unrecommended: ['BWK-RAM-008'],
  ram_account_password_policy_max_password_age_unrecommended: ['BWK-RAM-006'],
  ram_account_password_policy_not_required_minimum_length: ['BWK-RAM-001'],
  ram_account_password_policy_not_required_numbers: ['BWK-RAM-002'],
  ram_account_password_policy_not_required_symbols: ['BWK-RAM-003'],
  ram_account_password_policy_without_reuse_prevention: ['BWK-RAM-007'],
  ram_password_security_policy_not_require_at_least_one_lowercase_character: ['BWK-RAM-004'],
  ram_password_security_policy_not_require_at_least_one_uppercase_character: ['BWK-RAM-005'],
  ram_policy_admin_access_not_attached_to_users_groups_roles: ['BWK-RAM-010'],
  ram_policy_attached_to_user: ['BWK-RAM-011'],
  ram_security_preference_not_enforce_mfa: ['BWK-RAM-009'],
  rds_instance_address_publicly_accessible: ['BWK-RDS-001'],
  rds_instance_events_not_logged: ['BWK-RDS-010'],
  rds_instance_publicly_accessible: ['BWK-RDS-001'],
  rds_instance_retention_not_recommended: ['BWK-RDS-005'],
  rds_instance_ssl_action_disabled: ['BWK-RDS-006'],
  rds_instance_tde_status_disabled: ['BWK-RDS-007'],
  ros_stack_notifications_disabled: ['BWK-ROS-002'],
  ros_stack_retention_disabled: ['BWK-ROS-003'],
  ros_stack_without_template: ['BWK-ROS-004'],
  slb_policy_with_insecure_tls_version_in_use: ['BWK-SLB-004'],
  vpc_flow_logs_disabled: ['BWK-VPC-001'],
};

/** KICS queries whose topic has a Bulwark check that intentionally judges differently, and why. */
export const KICS_UNMAPPED: Readonly<Record<string, { checks: readonly string[]; reason: string }>> = {
  cmk_is_unusable: {
    checks: ['BWK-KMS-002'],
    reason: 'KICS requires the deprecated is_enabled attribute and flags keys whose status is "Enabled"; Bulwark reads status (and is_enabled = false).',
  },
  rds_instance_log_connections_disabled: {
    checks: ['BWK-RDS-002'],
    reason: 'log_connections is a PostgreSQL parameter; KICS flags MySQL instances (its fixtures are MySQL), Bulwark checks PostgreSQL only.',
  },
  rds_instance_log_disconnections_disabled: {
    checks: ['BWK-RDS-003'],
    reason: 'log_disconnections is a PostgreSQL parameter; KICS flags MySQL instances, Bulwark checks PostgreSQL only.',
  },
  rds_instance_log_duration_disabled: {
    checks: ['BWK-RDS-004'],
    reason: 'log_duration is a PostgreSQL parameter; KICS flags MySQL instances, Bulwark checks PostgreSQL only.',
  },
};
