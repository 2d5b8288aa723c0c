/** The search page's state as it lives in the URL query string (so a search can be shared). */

export interface SearchState {
  query: string;
  /** `-15m`, `-24h`, … or an ISO date */
  from: string;
  /** `now` or an ISO date */
  to: string;
  columns: string[];
}

export const DEFAULT_COLUMNS = ['event.dataset', 'event.action', 'event.outcome', 'source.ip', 'user.name', 'message'];
export const DEFAULT_STATE: SearchState = { query: '', from: '-24h', to: 'now', columns: DEFAULT_COLUMNS };

/** Quick ranges of the time picker (relative to now). */
export const QUICK_RANGES = ['-15m', '-1h', '-4h', '-24h', '-7d', '-30d'] as const;

export function stateFromParams(params: URLSearchParams): SearchState {
  const cols = params.get('cols');
  return {
    query: params.get('q') ?? DEFAULT_STATE.query,
    from: params.get('from') || DEFAULT_STATE.from,
    to: params.get('to') || DEFAULT_STATE.to,
    columns: cols ? cols.split(',').filter(Boolean) : DEFAULT_STATE.columns,
  };
}

/** Only what differs from the defaults, so a plain page has a plain URL. */
export function paramsFromState(state: SearchState): URLSearchParams {
  const p = new URLSearchParams();
  if (state.query) p.set('q', state.query);
  if (state.from !== DEFAULT_STATE.from) p.set('from', state.from);
  if (state.to !== DEFAULT_STATE.to) p.set('to', state.to);
  if (state.columns.join(',') !== DEFAULT_STATE.columns.join(',')) p.set('cols', state.columns.join(','));
  return p;
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A time bound as epoch ms (`now`, `-15m`, ISO); undefined when it cannot be read. */
export function boundMs(text: string, now: number): number | undefined {
  if (text === 'now') return now;
  const rel = /^-(\d+)([smhd])$/.exec(text);
  if (rel) return now - Number(rel[1]) * (UNIT_MS[rel[2] as string] as number);
  const abs = Date.parse(text);
  return Number.isFinite(abs) ? abs : undefined;
}

const INTERVALS = ['1s', '5s', '30s', '1m', '5m', '10m', '30m', '1h', '3h', '6h', '12h', '1d', '7d', '30d'];

/** The smallest histogram interval that keeps the range within `maxBuckets` bars. */
export function histogramInterval(from: string, to: string, now: number, maxBuckets = 60): string {
  const a = boundMs(from, now);
  const b = boundMs(to, now);
  const span = a !== undefined && b !== undefined && b > a ? b - a : 86_400_000;
  for (const iv of INTERVALS) {
    const ms = Number(iv.slice(0, -1)) * (UNIT_MS[iv.slice(-1)] as number);
    if (span / ms <= maxBuckets) return iv;
  }
  return INTERVALS[INTERVALS.length - 1] as string;
}
