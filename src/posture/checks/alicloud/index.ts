/** Registry of the Alibaba Cloud Terraform checks (one file per check), ordered by id. */
import type { IacCheck } from './kit.js';
import { ackCloudMonitor } from './ack-cloud-monitor.js';
import { ackDashboard } from './ack-dashboard.js';
import { ackLogService } from './ack-log-service.js';
import { ackNodePoolAutoRepair } from './ack-node-pool-auto-repair.js';
import { ackPublicApi } from './ack-public-api.js';
import { ackTerway } from './ack-terway.js';
import { actiontrailAllEvents } from './actiontrail-all-events.js';
import { actiontrailAllRegions } from './actiontrail-all-regions.js';
import { actiontrailBucketPublic } from './actiontrail-bucket-public.js';
import { actiontrailDelivery } from './actiontrail-delivery.js';
import { albAclUnrestricted } from './alb-acl-unrestricted.js';
import { albHttpListener } from './alb-http-listener.js';
import { apigwHttps } from './apigw-https.js';
import { diskCmk } from './disk-cmk.js';
import { diskEncryption } from './disk-encryption.js';
import { instanceClassicNetwork } from './instance-classic-network.js';
import { instanceDataDiskEncryption } from './instance-data-disk-encryption.js';
import { kmsKeyEnabled } from './kms-key-enabled.js';
import { kmsRotation } from './kms-rotation.js';
import { launchTemplateEncryption } from './launch-template-encryption.js';
import { logStoreRetention } from './log-store-retention.js';
import { mongodbPublic } from './mongodb-public.js';
import { mongodbSsl } from './mongodb-ssl.js';
import { mongodbTde } from './mongodb-tde.js';
import { mongodbVpc } from './mongodb-vpc.js';
import { nasEncryption } from './nas-encryption.js';
import { nasKms } from './nas-kms.js';
import { ossCmkEncryption } from './oss-cmk-encryption.js';
import { ossIpRestriction } from './oss-ip-restriction.js';
import { ossLifecycle } from './oss-lifecycle.js';
import { ossLogging } from './oss-logging.js';
import { ossPolicyAllActions } from './oss-policy-all-actions.js';
import { ossPolicyDelete } from './oss-policy-delete.js';
import { ossPolicyList } from './oss-policy-list.js';
import { ossPolicyPut } from './oss-policy-put.js';
import { ossPublicAcl } from './oss-public-acl.js';
import { ossSecureTransport } from './oss-secure-transport.js';
import { ossStaticWebsite } from './oss-static-website.js';
import { ossTransferAcceleration } from './oss-transfer-acceleration.js';
import { ossVersioning } from './oss-versioning.js';
import { ramAdminPolicyAttached } from './ram-admin-policy-attached.js';
import { ramConsoleAndApi } from './ram-console-and-api.js';
import { ramConsoleMfa } from './ram-console-mfa.js';
import { ramFullAdminPolicy } from './ram-full-admin-policy.js';
import { ramMfaLogin } from './ram-mfa-login.js';
import { ramPasswordLowercase } from './ram-password-lowercase.js';
import { ramPasswordMaxAge } from './ram-password-max-age.js';
import { ramPasswordMaxLoginAttempts } from './ram-password-max-login-attempts.js';
import { ramPasswordMinLength } from './ram-password-min-length.js';
import { ramPasswordNumbers } from './ram-password-numbers.js';
import { ramPasswordReuse } from './ram-password-reuse.js';
import { ramPasswordSymbols } from './ram-password-symbols.js';
import { ramPasswordUppercase } from './ram-password-uppercase.js';
import { ramPolicyOnUser } from './ram-policy-on-user.js';
import { rdsAuditLogCollection } from './rds-audit-log-collection.js';
import { rdsBackupRetention } from './rds-backup-retention.js';
import { rdsLogConnections } from './rds-log-connections.js';
import { rdsLogDisconnections } from './rds-log-disconnections.js';
import { rdsLogDuration } from './rds-log-duration.js';
import { rdsMinorUpgrade } from './rds-minor-upgrade.js';
import { rdsPublicWhitelist } from './rds-public-whitelist.js';
import { rdsSqlAuditRetention } from './rds-sql-audit-retention.js';
import { rdsSsl } from './rds-ssl.js';
import { rdsTde } from './rds-tde.js';
import { rosStackNotifications } from './ros-stack-notifications.js';
import { rosStackPolicy } from './ros-stack-policy.js';
import { rosStackRetention } from './ros-stack-retention.js';
import { rosStackTemplate } from './ros-stack-template.js';
import { sgAllPorts } from './sg-all-ports.js';
import { sgSensitivePort } from './sg-sensitive-port.js';
import { sgUnknownPort } from './sg-unknown-port.js';
import { slbManagementPort } from './slb-management-port.js';
import { slbPlainHttp } from './slb-plain-http.js';
import { slbTlsVersions } from './slb-tls-versions.js';
import { slbWeakTlsPolicy } from './slb-weak-tls-policy.js';
import { vpcFlowLogs } from './vpc-flow-logs.js';

export const ALICLOUD_CHECKS: readonly IacCheck[] = [
  ackNodePoolAutoRepair,
  ackTerway,
  ackPublicApi,
  ackLogService,
  ackCloudMonitor,
  ackDashboard,
  actiontrailAllRegions,
  actiontrailAllEvents,
  actiontrailBucketPublic,
  actiontrailDelivery,
  albHttpListener,
  albAclUnrestricted,
  apigwHttps,
  sgAllPorts,
  sgSensitivePort,
  sgUnknownPort,
  diskEncryption,
  diskCmk,
  launchTemplateEncryption,
  instanceClassicNetwork,
  instanceDataDiskEncryption,
  kmsRotation,
  kmsKeyEnabled,
  mongodbVpc,
  mongodbSsl,
  mongodbPublic,
  mongodbTde,
  nasEncryption,
  nasKms,
  ossPolicyAllActions,
  ossPolicyDelete,
  ossPolicyList,
  ossPolicyPut,
  ossCmkEncryption,
  ossStaticWebsite,
  ossIpRestriction,
  ossLifecycle,
  ossLogging,
  ossPublicAcl,
  ossTransferAcceleration,
  ossVersioning,
  ossSecureTransport,
  ramPasswordMinLength,
  ramPasswordNumbers,
  ramPasswordSymbols,
  ramPasswordLowercase,
  ramPasswordUppercase,
  ramPasswordMaxAge,
  ramPasswordReuse,
  ramPasswordMaxLoginAttempts,
  ramMfaLogin,
  ramAdminPolicyAttached,
  ramPolicyOnUser,
  ramConsoleAndApi,
  ramConsoleMfa,
  ramFullAdminPolicy,
  rdsPublicWhitelist,
  rdsLogConnections,
  rdsLogDisconnections,
  rdsLogDuration,
  rdsSqlAuditRetention,
  rdsSsl,
  rdsTde,
  rdsBackupRetention,
  rdsMinorUpgrade,
  rdsAuditLogCollection,
  rosStackPolicy,
  rosStackNotifications,
  rosStackRetention,
  rosStackTemplate,
  slbManagementPort,
  slbPlainHttp,
  slbWeakTlsPolicy,
  slbTlsVersions,
  logStoreRetention,
  vpcFlowLogs,
];
