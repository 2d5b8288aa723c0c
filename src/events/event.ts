/** A typed value of a schema field. */
export type FieldValue = string | number | boolean;

/** One normalised event: typed ECS fields plus the `extra` map of everything else. */
export interface EventRecord {
  /** `event.id`, generated when the producer did not send one */
  readonly id: string;
  /** `@timestamp` in epoch milliseconds */
  readonly timestamp: number;
  /** typed fields by ECS name (without `@timestamp`; `event.id` included) */
  readonly fields: Readonly<Record<string, FieldValue>>;
  /** fields outside the schema, by their dotted name */
  readonly extra: Readonly<Record<string, unknown>>;
}

/** Turns dotted names back into the nested ECS document shape. */
export function toDocument(event: EventRecord): Record<string, unknown> {
  const doc: Record<string, unknown> = { '@timestamp': new Date(event.timestamp).toISOString() };
  for (const [name, value] of Object.entries(event.fields)) setPath(doc, name, value);
  if (Object.keys(event.extra).length > 0) doc.extra = { ...event.extra };
  return doc;
}

function setPath(doc: Record<string, unknown>, name: string, value: unknown): void {
  const parts = name.split('.');
  let node = doc;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next === 'object' && next !== null && !Array.isArray(next)) node = next as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      node[part] = created;
      node = created;
    }
  }
  node[parts[parts.length - 1] as string] = value;
}
