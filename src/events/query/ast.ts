/** A piece of a value pattern: literal text, `*` (any run) or `?` (one character). */
export type PatternPart = { readonly kind: 'lit'; readonly text: string } | { readonly kind: 'any' } | { readonly kind: 'one' };
export type Pattern = readonly PatternPart[];

/** Field reference: a schema field, `extra.<key>` or, for free text, null (`message`). */
export type FieldRef = { readonly kind: 'schema'; readonly name: string } | { readonly kind: 'extra'; readonly key: string };

export interface Bound {
  readonly value: string;
  readonly inclusive: boolean;
}

/**
 * The query tree: produced by the KQL parser and the Sigma compiler, compiled to SQL by a store
 * dialect. Positions are 1-based columns of the source query (0 when generated).
 */
export type Expr =
  | { readonly kind: 'all' }
  | { readonly kind: 'and'; readonly items: readonly Expr[] }
  | { readonly kind: 'or'; readonly items: readonly Expr[] }
  | { readonly kind: 'not'; readonly item: Expr }
  /** `field:value`; `field` null means free text over `message` (contains). */
  | { readonly kind: 'term'; readonly field: FieldRef | null; readonly pattern: Pattern; readonly caseInsensitive: boolean; readonly column: number }
  | { readonly kind: 'cidr'; readonly field: FieldRef; readonly cidr: string; readonly column: number }
  | { readonly kind: 'range'; readonly field: FieldRef; readonly lower?: Bound; readonly upper?: Bound; readonly column: number }
  | { readonly kind: 'exists'; readonly field: FieldRef; readonly column: number }
  | { readonly kind: 'regex'; readonly field: FieldRef; readonly pattern: string; readonly caseInsensitive: boolean; readonly column: number };

export function literal(text: string): Pattern {
  return [{ kind: 'lit', text }];
}

export function isLiteral(pattern: Pattern): boolean {
  return pattern.every((p) => p.kind === 'lit');
}

export function literalText(pattern: Pattern): string {
  return pattern.map((p) => (p.kind === 'lit' ? p.text : p.kind === 'any' ? '*' : '?')).join('');
}

export function fieldName(field: FieldRef): string {
  return field.kind === 'schema' ? field.name : `extra.${field.key}`;
}
