import type { CheckMeta } from '../check.js';
import { ALICLOUD_CHECKS } from '../checks/alicloud/index.js';
import { PLATFORM_CHECKS } from '../checks/platform/registry.js';

/** Registry: every check a framework may map (platform checks and Alibaba Cloud IaC checks). */
export const ALL_CHECKS: readonly CheckMeta[] = [...PLATFORM_CHECKS, ...ALICLOUD_CHECKS];
