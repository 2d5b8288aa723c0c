import { escapeMarkup } from '../report/escape.js';

/**
 * A tagged template for the compliance report's markup: every interpolated value is escaped (with
 * the findings reports' `escapeMarkup`) unless it is already markup (`Raw`); arrays are joined.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Raw {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += (Array.isArray(v) ? v.map(part).join('') : part(v)) + (strings[i + 1] ?? '');
  });
  return new Raw(out);
}

function part(v: unknown): string {
  if (v instanceof Raw) return v.value;
  if (v === undefined || v === null || v === false) return '';
  return escapeMarkup(v);
}

/** Markup that is already escaped. */
export class Raw {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}
