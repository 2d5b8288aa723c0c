import { auditMigrations } from '../audit/migrations.js';
import { eventsMigrations } from '../events/alerts/tables.js';
import { hostsMigrations } from '../hosts/migrations.js';
import { iamMigrations } from '../iam/migrations.js';
import { kmsMigrations } from '../kms/migrations.js';
import { stsMigrations } from '../sts/migrations.js';
import { vulnMigrations } from '../agent/vuln/migrations.js';
import { reputationMigrations } from '../reputation/migrations.js';
import { sitesMigrations } from '../sites/migrations.js';
import type { ContextMigrations } from '../storage/migrations.js';

/** Registry: every bounded context's migrations, applied at start and by `bulwark migrate`. */
export const CONTEXT_MIGRATIONS: readonly ContextMigrations[] = [auditMigrations, iamMigrations, stsMigrations, kmsMigrations, eventsMigrations, hostsMigrations, vulnMigrations, sitesMigrations, reputationMigrations];
