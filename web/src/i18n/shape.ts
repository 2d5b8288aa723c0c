/** A translation table with exactly the keys of another (every language has every key). */
export type Translations<T> = { [K in keyof T]: T[K] extends string ? string : Translations<T[K]> };

/** Every key of a nested table, dotted (`nav.users`). */
export function flattenKeys(table: object, prefix = ''): string[] {
  return Object.entries(table).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : flattenKeys(v as object, `${prefix}${k}.`)));
}
