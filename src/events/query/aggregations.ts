import { BulwarkError } from '../../core/errors.js';
import { fieldByName } from '../schema.js';
import type { AggregationSpec } from '../store/event-store.js';
import { resolveField } from './parser.js';

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30s`, `5m`, `1h`, `1d` → milliseconds, or undefined. */
export function parseInterval(text: string): number | undefined {
  const m = /^(\d{1,6})([smhd])$/.exec(text);
  if (!m) return undefined;
  const ms = Number(m[1]) * (UNITS[m[2] as string] as number);
  return ms > 0 ? ms : undefined;
}

/**
 * Parses the CLI/API aggregation form: `terms:FIELD[:SIZE]`, `date_histogram:INTERVAL`,
 * `cardinality:FIELD`, `percentiles:FIELD[:50,95,99]`.
 */
export function parseAggregation(spec: string): AggregationSpec {
  const [kind = '', field = '', arg] = spec.split(':');
  const fail = (reason: string) => new BulwarkError('Events.InvalidAggregation', { spec, reason });
  const ref = () => {
    if (!field) throw fail('a field is required');
    try {
      return resolveField(field, 0);
    } catch (e) {
      throw fail(e instanceof BulwarkError ? e.message : 'unknown field');
    }
  };
  switch (kind) {
    case 'terms': {
      const size = arg === undefined ? 10 : Number(arg);
      if (!Number.isInteger(size) || size < 1 || size > 1000) throw fail('size must be an integer 1–1000');
      return { kind: 'terms', field: ref(), size };
    }
    case 'date_histogram': {
      const intervalMs = parseInterval(field);
      if (!intervalMs) throw fail('expected an interval such as 30s, 5m, 1h or 1d');
      return { kind: 'date_histogram', intervalMs };
    }
    case 'cardinality':
      return { kind: 'cardinality', field: ref() };
    case 'percentiles': {
      const f = ref();
      const def = f.kind === 'schema' ? fieldByName(f.name) : undefined;
      if (def && def.type !== 'long' && def.type !== 'double') throw fail(`"${field}" is not numeric`);
      const percents = (arg ?? '50,95,99').split(',').map(Number);
      if (percents.some((p) => !Number.isFinite(p) || p < 0 || p > 100)) throw fail('percents must be numbers 0–100');
      return { kind: 'percentiles', field: f, percents };
    }
    default:
      throw fail('unknown aggregation kind');
  }
}

/** `-1h`, `-15m`, `now`, ISO dates → epoch ms relative to `now`. */
export function parseTime(text: string, now: number, field: string): number {
  if (text === 'now') return now;
  const rel = /^-(\d+[smhd])$/.exec(text);
  if (rel) return now - (parseInterval(rel[1] as string) as number);
  const abs = Date.parse(text);
  if (/^\d{4}-\d{2}-\d{2}/.test(text) && Number.isFinite(abs)) return abs;
  throw new BulwarkError('InvalidParameter', { field, reason: 'expected now, -15m, -1h, -7d or an ISO 8601 date' });
}
