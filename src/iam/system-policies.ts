import type { Kysely } from 'kysely';
import type { Clock } from '../core/clock.js';
import type { IamTables } from './tables.js';

interface SystemPolicy {
  name: string;
  description: string;
  statements: Array<{ Effect: 'Allow' | 'Deny'; Action: string[]; Resource: string }>;
}

const READ_PREFIXES = ['Get*', 'List*', 'Describe*', 'Query*', 'BatchGet*'];

/** Read-only and full-access system policies, as Alibaba Cloud ships them, plus Bulwark's own roles. */
export const SYSTEM_POLICIES: readonly SystemPolicy[] = [
  { name: 'AdministratorAccess', description: 'Full access to all resources of the account.', statements: [{ Effect: 'Allow', Action: ['*'], Resource: '*' }] },
  { name: 'ReadOnlyAccess', description: 'Read-only access to all resources of the account.', statements: [{ Effect: 'Allow', Action: READ_PREFIXES.map((p) => `*:${p}`), Resource: '*' }] },
  { name: 'AliyunRAMFullAccess', description: 'Full access to RAM (users, groups, roles, policies).', statements: [{ Effect: 'Allow', Action: ['ram:*'], Resource: '*' }] },
  { name: 'AliyunRAMReadOnlyAccess', description: 'Read-only access to RAM.', statements: [{ Effect: 'Allow', Action: ['ram:Get*', 'ram:List*'], Resource: '*' }] },
  { name: 'AliyunSTSAssumeRoleAccess', description: 'Permission to call STS AssumeRole.', statements: [{ Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: '*' }] },
  { name: 'AliyunKMSFullAccess', description: 'Full access to KMS keys and secrets.', statements: [{ Effect: 'Allow', Action: ['kms:*'], Resource: '*' }] },
  { name: 'AliyunKMSReadOnlyAccess', description: 'Read-only access to KMS metadata (no cryptographic operations).', statements: [{ Effect: 'Allow', Action: ['kms:Describe*', 'kms:List*', 'kms:Get*'], Resource: '*' }] },
  { name: 'BulwarkGatewayAccess', description: 'What a managed Bulwark gateway needs: pull site configuration and bans, report its status, push events.', statements: [{ Effect: 'Allow', Action: ['bulwark:PullGatewayConfig', 'bulwark:ReportGatewayStatus', 'bulwark:GetReputationBans', 'bulwark:PutEvents'], Resource: '*' }] },
  { name: 'BulwarkAgentAccess', description: 'What an enrolled host agent needs: report inventory and findings, pull tasks and bans, push events.', statements: [{ Effect: 'Allow', Action: ['bulwark:ReportHost', 'bulwark:GetHostTasks', 'bulwark:GetReputationBans', 'bulwark:PutEvents'], Resource: '*' }] },
  { name: 'BulwarkEventsIngestAccess', description: 'Push events to the security center.', statements: [{ Effect: 'Allow', Action: ['bulwark:PutEvents'], Resource: '*' }] },
  { name: 'BulwarkPostureReadOnlyAccess', description: 'Read posture findings and compliance reports.', statements: [{ Effect: 'Allow', Action: ['bulwark:GetPosture*', 'bulwark:ListPosture*'], Resource: '*' }] },
];

export const SYSTEM_ACCOUNT = '*';

export function systemPolicyDocument(policy: SystemPolicy): string {
  return JSON.stringify({ Version: '1', Statement: policy.statements });
}

/**
 * Inserts system policies that are missing and brings the document of existing ones up to this
 * version of Bulwark (system policies belong to Bulwark, not to accounts). Idempotent; runs at
 * account creation and at server start.
 */
export async function ensureSystemPolicies(db: Kysely<IamTables>, clock: Clock): Promise<void> {
  const existing = new Set((await db.selectFrom('iam_policies').select('name').where('type', '=', 'System').execute()).map((r) => r.name));
  const t = `${clock.now().toISOString().slice(0, 19)}Z`;
  for (const policy of SYSTEM_POLICIES) {
    if (existing.has(policy.name)) {
      const id = `sys-${policy.name}`;
      const document = systemPolicyDocument(policy);
      await db.updateTable('iam_policy_versions').set({ document }).where('policy_id', '=', id).where('version_id', '=', 'v1').where('document', '<>', document).execute();
      continue;
    }
    const id = `sys-${policy.name}`;
    await db.insertInto('iam_policies').values({ id, account_id: SYSTEM_ACCOUNT, name: policy.name, type: 'System', description: policy.description, default_version: 'v1', next_version: 2, created_at: t, updated_at: t }).execute();
    await db.insertInto('iam_policy_versions').values({ policy_id: id, version_id: 'v1', document: systemPolicyDocument(policy), created_at: t }).execute();
  }
}
