import type { EcsDocument } from '../alert.js';

/** A value of a nested ECS document by its dotted name (tests). */
export function field(doc: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], doc);
}

/** `rule.id` of each document, in order (tests). */
export function ruleIds(docs: readonly EcsDocument[]): string[] {
  return docs.map((d) => field(d, 'rule.id') as string);
}
