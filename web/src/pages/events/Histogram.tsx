import { Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';

interface Props {
  buckets: ReadonlyArray<{ key: number; count: number }>;
  intervalMs: number;
  /** the searched time range (epoch ms), so empty stretches show as gaps */
  range?: readonly [number | undefined, number | undefined];
  /** zoom into one bar's time span */
  onPick?: (from: number, to: number) => void;
}

const W = 1000;
const H = 120;
const AXIS = 18;

/** Matches over time (date_histogram buckets) as bars; a click on a bar zooms into its span. */
export function Histogram({ buckets, intervalMs, range, onPick }: Props) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  if (buckets.length === 0) return null;
  const max = Math.max(...buckets.map((b) => b.count), 1);
  const first = Math.min(buckets[0]!.key, range?.[0] ?? Infinity);
  const last = Math.max(buckets[buckets.length - 1]!.key + intervalMs, range?.[1] ?? -Infinity);
  const span = Math.max(last - first, intervalMs);
  const x = (ms: number) => ((ms - first) / span) * W;
  const bw = Math.max((intervalMs / span) * W - 1, 1);
  const label = (ms: number) => new Date(ms).toLocaleString(i18n.language, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  return (
    <div style={{ marginBottom: 12 }} data-testid="histogram">
      <svg viewBox={`0 0 ${W} ${H + AXIS}`} width="100%" height={H + AXIS} preserveAspectRatio="none" role="img" aria-label={t('events.histogram.label')}>
        {buckets.map((b) => {
          const h = (b.count / max) * (H - 4);
          return (
            <rect key={b.key} x={x(b.key)} y={H - h} width={bw} height={h} fill={token.colorPrimary} style={{ cursor: onPick ? 'pointer' : undefined }} onClick={() => onPick?.(b.key, b.key + intervalMs)} data-testid="histogram-bar">
              <title>{t('events.histogram.bar', { time: label(b.key), count: b.count })}</title>
            </rect>
          );
        })}
        <line x1={0} x2={W} y1={H} y2={H} stroke={token.colorBorder} />
      </svg>
      <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: -AXIS }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{label(first)}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('events.histogram.max', { count: max })}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{label(last)}</Typography.Text>
      </div>
    </div>
  );
}
