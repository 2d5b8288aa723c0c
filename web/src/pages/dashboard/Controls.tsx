import { Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { RANGES, REFRESH } from './types.js';

/** Range and auto-refresh, kept in the address (`?from=-24h&refresh=30`) so a big screen can be bookmarked. */
export function useDashboardParams(defaultRefresh: number): { from: string; refresh: number; set(next: { from?: string; refresh?: number }): void } {
  const [params, setParams] = useSearchParams();
  const from = (RANGES as readonly string[]).includes(params.get('from') ?? '') ? (params.get('from') as string) : '-24h';
  const raw = Number(params.get('refresh') ?? defaultRefresh);
  const refresh = (REFRESH as readonly number[]).includes(raw) ? raw : defaultRefresh;
  return {
    from,
    refresh,
    set: (next) => setParams({ from: next.from ?? from, refresh: String(next.refresh ?? refresh) }, { replace: true }),
  };
}

export function DashboardControls({ from, refresh, onChange, updatedAt }: { from: string; refresh: number; onChange(next: { from?: string; refresh?: number }): void; updatedAt?: number }) {
  const { t, i18n } = useTranslation();
  return (
    <Space wrap>
      {updatedAt ? <Typography.Text type="secondary" data-testid="updated-at">{t('dashboard.updated', { time: new Date(updatedAt).toLocaleTimeString(i18n.language) })}</Typography.Text> : null}
      <Select aria-label={t('dashboard.range')} data-testid="range" style={{ width: 160 }} value={from} onChange={(v) => onChange({ from: v })}
        options={RANGES.map((r) => ({ value: r, label: t(`dashboard.ranges.${r.slice(1)}`) }))} />
      <Select aria-label={t('dashboard.refresh')} data-testid="refresh" style={{ width: 170 }} value={refresh} onChange={(v) => onChange({ refresh: v })}
        options={REFRESH.map((s) => ({ value: s, label: s === 0 ? t('dashboard.refreshOff') : t('dashboard.refreshEvery', { interval: t(`dashboard.intervals.s${s}`) }) }))} />
    </Space>
  );
}
