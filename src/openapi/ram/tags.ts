import { z } from 'zod';
import type { Caller } from '../../iam/caller.js';
import { listTagResources, tagResources, untagResources } from '../../iam/tags.js';
import type { AnyActionDef } from '../action.js';
import { ramAction, ramArn } from './common.js';
import { listParam, tagKey, tags } from './lists.js';

const resourceType = z.enum(['user', 'role', 'policy']);
const resourceNames = listParam(z.string().min(1).max(128), 50, 'resource names');

const arns = (i: { ResourceType: 'user' | 'role' | 'policy'; ResourceNames?: string[] | undefined }, c: Caller): string[] =>
  i.ResourceNames && i.ResourceNames.length > 0 ? i.ResourceNames.map((n) => ramArn(c, i.ResourceType, n)) : [ramArn(c, i.ResourceType, '*')];

export const tagActions: AnyActionDef[] = [
  ramAction('TagResources', 'Write', z.object({ ResourceType: resourceType, ResourceNames: resourceNames.refine((a) => a.length > 0, 'at least one'), Tag: tags.refine((a) => a.length > 0, 'at least one') }), arns, async (ctx, i) => {
    await tagResources(ctx, i);
    return {};
  }),
  ramAction(
    'UntagResources',
    'Write',
    z.object({ ResourceType: resourceType, ResourceNames: resourceNames.refine((a) => a.length > 0, 'at least one'), TagKeys: listParam(tagKey, 20, 'tag keys').optional(), All: z.enum(['true', 'false']).transform((v) => v === 'true').optional() }),
    arns,
    async (ctx, i) => {
      await untagResources(ctx, i);
      return {};
    },
  ),
  ramAction(
    'ListTagResources',
    'Read',
    z.object({ ResourceType: resourceType, ResourceNames: resourceNames.optional(), Tag: tags.optional(), NextToken: z.string().max(512).optional(), PageSize: z.coerce.number().int().min(1).max(100).default(100) }),
    arns,
    async (ctx, i) => {
      const page = await listTagResources(ctx, i);
      return { NextToken: page.nextToken, TagResources: page.items };
    },
  ),
];
