import { Badge, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HostSummary, Risk, RiskLevel } from './api.js';

export const RISK_COLOR: Record<RiskLevel, string> = { none: 'green', low: 'blue', medium: 'gold', high: 'orange', critical: 'red' };

/** The risk score with its level, and what it is made of on hover. */
export function RiskTag({ risk }: { risk: Risk }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={<>{t('hosts.riskParts', { v: risk.Parts.Vulnerabilities, b: risk.Parts.Baseline, i: risk.Parts.Intrusions })}<br />{t('hosts.riskHelp')}</>}>
      <Tag color={RISK_COLOR[risk.Level]} data-testid="risk">{risk.Score} · {t(`hosts.risk.${risk.Level}`)}</Tag>
    </Tooltip>
  );
}

/** Online (a heartbeat within three minutes) or offline. */
export function AgentStatus({ status }: { status: HostSummary['Status'] }) {
  const { t } = useTranslation();
  return <Badge status={status === 'online' ? 'success' : 'default'} text={t(`hosts.status.${status}`)} />;
}

/** Open vulnerabilities by severity, worst first (the level's name on hover). */
export function VulnCounts({ v }: { v: HostSummary['Vulnerabilities'] }) {
  const { t } = useTranslation();
  if (v.Total === 0) return <Tag color="green">0</Tag>;
  const other = v.Total - v.Critical - v.High - v.Medium - v.Low;
  const levels: Array<[RiskLevel, number]> = [['critical', v.Critical], ['high', v.High], ['medium', v.Medium], ['low', v.Low]];
  return (
    <>
      {levels.filter(([, n]) => n > 0).map(([level, n]) => (
        <Tooltip key={level} title={t(`hosts.risk.${level}`)}>
          <Tag color={RISK_COLOR[level]}>{n}</Tag>
        </Tooltip>
      ))}
      {other > 0 && <Tag>{other}</Tag>}
    </>
  );
}
