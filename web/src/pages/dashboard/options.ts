import type { TFunction } from 'i18next';
import type { ChartOption } from '../../components/Chart.js';
import { HOST_RISKS, VULN_SEVERITIES, type DashboardData, type Hosts, type PostureScore, type Traffic } from './types.js';

/** Colours of severities and states, the same on every chart. */
export const COLOURS: Record<string, string> = {
  critical: '#a8071a', high: '#f5222d', medium: '#fa8c16', low: '#fadb14', negligible: '#91caff', none: '#52c41a', unknown: '#bfbfbf',
  blocked: '#f5222d', passed: '#52c41a', online: '#52c41a', offline: '#fa8c16', never: '#bfbfbf',
  open: '#f5222d', acknowledged: '#fa8c16', closed: '#bfbfbf',
};

/** Bucket start times as short local labels (times within a day, dates beyond). */
export function bucketLabels(buckets: readonly number[], intervalMs: number, lang: string): string[] {
  const f = new Intl.DateTimeFormat(lang, intervalMs >= 86_400_000 ? { month: 'short', day: 'numeric' } : intervalMs >= 3 * 3_600_000 ? { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' } : { hour: '2-digit', minute: '2-digit' });
  return buckets.map((b) => f.format(new Date(b)));
}

/** An attack class as shown: translated where the console knows it, else as recorded. */
export function categoryLabel(t: TFunction, category: string): string {
  return t(`dashboard.categories.${category.replace(/[^a-z0-9]/gi, '_')}`, { defaultValue: category });
}

const grid = { left: 8, right: 16, top: 40, bottom: 8, containLabel: true };
const legend = { top: 0, type: 'scroll' as const };

export function attacksOverTime(t: TFunction, traffic: Traffic, intervalMs: number, lang: string): ChartOption {
  return {
    grid, legend, tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: bucketLabels(traffic.buckets, intervalMs, lang) },
    yAxis: { type: 'value', minInterval: 1 },
    series: traffic.attacksOverTime.map((s) => ({ type: 'bar', stack: 'attacks', name: categoryLabel(t, s.category), data: s.counts, large: true })),
  };
}

export function blockedVsPassed(t: TFunction, traffic: Traffic, intervalMs: number, lang: string): ChartOption {
  return {
    grid, legend, tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', boundaryGap: false, data: bucketLabels(traffic.buckets, intervalMs, lang) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'line', stack: 'requests', areaStyle: {}, showSymbol: false, name: t('dashboard.passed'), data: traffic.passedOverTime, color: COLOURS.passed },
      { type: 'line', stack: 'requests', areaStyle: {}, showSymbol: false, name: t('dashboard.blocked'), data: traffic.blockedOverTime, color: COLOURS.blocked },
    ],
  };
}

function pie(name: string, data: Array<{ name: string; value: number; itemStyle?: { color: string } }>): ChartOption {
  return {
    tooltip: { trigger: 'item' }, legend: { ...legend, bottom: 0, top: undefined },
    series: [{ type: 'pie', name, radius: ['40%', '68%'], center: ['50%', '45%'], avoidLabelOverlap: true, label: { formatter: '{c}' }, data: data.filter((d) => d.value > 0) }],
  };
}

export function attackTypes(t: TFunction, traffic: Traffic): ChartOption {
  return pie(t('dashboard.attackTypes'), traffic.attackTypes.map((a) => ({ name: categoryLabel(t, a.category), value: a.count })));
}

function horizontalBars(name: string, labels: string[], values: number[], colour: string): ChartOption {
  return {
    grid: { ...grid, top: 8 }, tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: labels },
    series: [{ type: 'bar', name, data: values, color: colour }],
  };
}

export function topSources(t: TFunction, traffic: Traffic): ChartOption {
  return horizontalBars(t('dashboard.attacks'), traffic.topSources.map((s) => s.ip), traffic.topSources.map((s) => s.count), COLOURS.high as string);
}

export function hostRisk(t: TFunction, hosts: Hosts): ChartOption {
  return pie(t('dashboard.hostRisk'), HOST_RISKS.map((r) => ({ name: t(`dashboard.risk.${r}`), value: hosts.risk[r], itemStyle: { color: COLOURS[r] as string } })));
}

export function agentStatus(t: TFunction, hosts: Hosts): ChartOption {
  return pie(t('dashboard.agents'), (['online', 'offline', 'never'] as const).map((s) => ({ name: t(`dashboard.agentStatus.${s}`), value: hosts.status[s], itemStyle: { color: COLOURS[s] as string } })));
}

export function vulnerabilities(t: TFunction, v: NonNullable<DashboardData['vulnerabilities']>): ChartOption {
  return {
    grid: { ...grid, top: 16 }, tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: VULN_SEVERITIES.map((s) => t(`dashboard.severity.${s}`)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', name: t('dashboard.openFindings'), data: VULN_SEVERITIES.map((s) => ({ value: v[s], itemStyle: { color: COLOURS[s] as string } })) }],
  };
}

export function passRate(t: TFunction, rate: number): ChartOption {
  return {
    series: [{
      type: 'gauge', name: t('dashboard.baseline'), min: 0, max: 100, progress: { show: true, width: 14 }, axisLine: { lineStyle: { width: 14 } },
      axisLabel: { show: false }, splitLine: { show: false }, axisTick: { show: false }, pointer: { show: false },
      detail: { valueAnimation: false, formatter: '{value}%', fontSize: 28, offsetCenter: [0, 0] }, title: { show: false },
      data: [{ value: rate, name: t('dashboard.passRate') }],
    }],
  };
}

export function alertsBySeverity(t: TFunction, alerts: NonNullable<DashboardData['alerts']>): ChartOption {
  const statuses = ['open', 'acknowledged', 'closed'] as const;
  return {
    grid, legend, tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: alerts.bySeverity.map((b) => t(`dashboard.severity.${b.severity}`)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: statuses.map((s) => ({ type: 'bar', stack: 'alerts', name: t(`dashboard.alertStatus.${s}`), data: alerts.bySeverity.map((b) => b[s]), color: COLOURS[s] })),
  };
}

export function postureScores(t: TFunction, posture: readonly PostureScore[]): ChartOption {
  return {
    grid: { ...grid, top: 16 }, tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', min: 0, max: 100 },
    yAxis: { type: 'category', inverse: true, data: posture.map((p) => p.framework.name) },
    series: [{ type: 'bar', name: t('dashboard.score'), data: posture.map((p) => p.score ?? 0), label: { show: true, position: 'right', formatter: '{c}%' }, color: '#1677ff' }],
  };
}
