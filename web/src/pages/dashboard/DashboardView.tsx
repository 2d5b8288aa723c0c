import { Card, Col, Empty, Row, Statistic, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Chart } from '../../components/Chart.js';
import * as o from './options.js';
import type { DashboardData } from './types.js';

interface PanelProps {
  title: string;
  testId: string;
  /** shown instead of the content when there is nothing to chart: what to do next */
  empty?: ReactNode;
  extra?: ReactNode;
  children?: ReactNode;
}

function Panel({ title, testId, empty, extra, children }: PanelProps) {
  return (
    <Card title={title} size="small" extra={extra} data-testid={`panel-${testId}`} styles={{ body: { minHeight: 200 } }}>
      {empty ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> : children}
    </Card>
  );
}

/** Nothing the caller may read: which permission shows it. */
function NoAccess({ action }: { action: string }) {
  const { t } = useTranslation();
  return <Typography.Text type="secondary">{t('dashboard.noAccess', { action })}</Typography.Text>;
}

/** The security overview's panels (the console page and the big screen). */
export function DashboardView({ data, dark = false, screen = false }: { data: DashboardData; dark?: boolean; screen?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { traffic, hosts, vulnerabilities, alerts, posture } = data;
  const height = screen ? 300 : 260;
  // options are rebuilt only when the data or the language change (not on every render)
  const charts = useMemo(() => ({
    attacksOverTime: traffic && o.attacksOverTime(t, traffic, data.range.intervalMs, lang),
    blockedVsPassed: traffic && o.blockedVsPassed(t, traffic, data.range.intervalMs, lang),
    attackTypes: traffic && o.attackTypes(t, traffic),
    topSources: traffic && o.topSources(t, traffic),
    hostRisk: hosts && o.hostRisk(t, hosts),
    agentStatus: hosts && o.agentStatus(t, hosts),
    passRate: hosts?.baseline.passRate != null ? o.passRate(t, hosts.baseline.passRate) : null,
    vulnerabilities: vulnerabilities && o.vulnerabilities(t, vulnerabilities),
    alerts: alerts && o.alertsBySeverity(t, alerts),
    posture: posture && o.postureScores(t, posture),
  }), [data, t, lang, traffic, hosts, vulnerabilities, alerts, posture]);

  const noTraffic = traffic && traffic.requests === 0 ? <>{t('dashboard.empty.traffic')} <Link to="/protection/sites">{t('dashboard.empty.trafficLink')}</Link></> : undefined;
  const noAttacks = traffic && traffic.attacks === 0 ? (noTraffic ?? t('dashboard.empty.attacks')) : undefined;
  const noHosts = hosts && hosts.total === 0 ? <>{t('dashboard.empty.hosts')} <Link to="/hosts">{t('dashboard.empty.hostsLink')}</Link></> : undefined;
  const vulnCount = vulnerabilities ? Object.entries(vulnerabilities).filter(([k]) => k !== 'hosts').reduce((n, [, v]) => n + v, 0) : 0;
  const noVulns = vulnerabilities && vulnCount === 0 ? (noHosts ?? (hosts && hosts.risk.unknown === hosts.total ? t('dashboard.empty.feed') : t('dashboard.empty.vulns'))) : undefined;
  const noBaseline = hosts && hosts.baseline.hosts === 0 ? (noHosts ?? t('dashboard.empty.baseline')) : undefined;
  const alertCount = alerts ? alerts.bySeverity.reduce((n, b) => n + b.open + b.acknowledged + b.closed, 0) : 0;
  const noAlerts = alerts && alertCount === 0 ? <>{t('dashboard.empty.alerts')} <Link to="/security/alerts">{t('dashboard.empty.alertsLink')}</Link></> : undefined;

  const tiles: Array<[string, ReactNode, string?]> = [
    ['requests', traffic ? traffic.requests : '—'],
    ['blocked', traffic ? traffic.blocked : '—', o.COLOURS.blocked],
    ['attacks', traffic ? traffic.attacks : '—', o.COLOURS.high],
    ['attackers', traffic ? traffic.attackers : '—'],
    ['unresolvedAlerts', alerts ? alerts.unresolved : '—', alerts && alerts.unresolved > 0 ? o.COLOURS.high : undefined],
    ['hostsOnline', hosts ? `${hosts.status.online} / ${hosts.total}` : '—'],
    ['criticalVulns', vulnerabilities ? vulnerabilities.critical + vulnerabilities.high : '—', vulnerabilities && vulnerabilities.critical > 0 ? o.COLOURS.critical : undefined],
    ['passRate', hosts?.baseline.passRate != null ? `${hosts.baseline.passRate}%` : '—'],
  ];
  const chart = (key: keyof typeof charts, label: string) => {
    const option = charts[key];
    return option ? <Chart option={option} label={label} height={height} dark={dark} testId={`chart-${key}`} /> : null;
  };

  return (
    <Row gutter={[16, 16]}>
      {tiles.map(([key, value, colour]) => (
        <Col key={key} xs={12} md={6} xl={3}>
          <Card size="small" data-testid={`tile-${key}`}>
            <Statistic title={t(`dashboard.tiles.${key}`)} value={value as string | number} valueStyle={colour ? { color: colour } : undefined} />
          </Card>
        </Col>
      ))}
      <Col xs={24} xl={16}>
        <Panel title={t('dashboard.attacksOverTime')} testId="attacks" empty={traffic ? noAttacks : <NoAccess action="bulwark:SearchEvents" />}>{chart('attacksOverTime', t('dashboard.attacksOverTime'))}</Panel>
      </Col>
      <Col xs={24} xl={8}>
        <Panel title={t('dashboard.attackTypes')} testId="attack-types" empty={traffic ? noAttacks : <NoAccess action="bulwark:SearchEvents" />}>{chart('attackTypes', t('dashboard.attackTypes'))}</Panel>
      </Col>
      <Col xs={24} xl={12}>
        <Panel title={t('dashboard.blockedVsPassed')} testId="traffic" empty={traffic ? noTraffic : <NoAccess action="bulwark:SearchEvents" />}>{chart('blockedVsPassed', t('dashboard.blockedVsPassed'))}</Panel>
      </Col>
      <Col xs={24} xl={12}>
        <Panel title={t('dashboard.topSources')} testId="sources" empty={traffic ? noAttacks : <NoAccess action="bulwark:SearchEvents" />}>
          {chart('topSources', t('dashboard.topSources'))}
          {traffic && !screen && (
            <Table size="small" rowKey="ip" pagination={false} data-testid="top-sources" dataSource={traffic.topSources}
              columns={[{ title: t('dashboard.sourceIp'), dataIndex: 'ip' }, { title: t('dashboard.attacks'), dataIndex: 'count', align: 'right' }]} />
          )}
        </Panel>
      </Col>
      <Col xs={24} xl={12}>
        <Panel title={t('dashboard.topTargets')} testId="targets" empty={traffic ? noAttacks : <NoAccess action="bulwark:SearchEvents" />}>
          {traffic && (
            <Table size="small" rowKey={(r) => `${r.site}${r.path}`} pagination={false} data-testid="top-targets" dataSource={traffic.topTargets}
              columns={[{ title: t('dashboard.site'), dataIndex: 'site' }, { title: t('dashboard.path'), dataIndex: 'path', ellipsis: true }, { title: t('dashboard.attacks'), dataIndex: 'count', align: 'right' }]} />
          )}
        </Panel>
      </Col>
      <Col xs={24} xl={12}>
        <Panel title={t('dashboard.alertsBySeverity')} testId="alerts" empty={alerts ? noAlerts : <NoAccess action="bulwark:ListEventAlerts" />}>{chart('alerts', t('dashboard.alertsBySeverity'))}</Panel>
      </Col>
      <Col xs={24} md={12} xl={8}>
        <Panel title={t('dashboard.hostRisk')} testId="host-risk" empty={hosts ? noHosts : <NoAccess action="bulwark:ListHosts" />}>{chart('hostRisk', t('dashboard.hostRisk'))}</Panel>
      </Col>
      <Col xs={24} md={12} xl={8}>
        <Panel title={t('dashboard.agents')} testId="agents" empty={hosts ? noHosts : <NoAccess action="bulwark:ListHosts" />}>{chart('agentStatus', t('dashboard.agents'))}</Panel>
      </Col>
      <Col xs={24} md={12} xl={8}>
        <Panel title={t('dashboard.baseline')} testId="baseline" empty={hosts ? noBaseline : <NoAccess action="bulwark:ListHosts" />}>{chart('passRate', t('dashboard.baseline'))}</Panel>
      </Col>
      <Col xs={24} xl={12}>
        <Panel title={t('dashboard.vulnerabilities')} testId="vulns" empty={vulnerabilities ? noVulns : <NoAccess action="bulwark:ListHostVulnerabilities" />}>{chart('vulnerabilities', t('dashboard.vulnerabilities'))}</Panel>
      </Col>
      <Col xs={24} xl={12}>
        <Panel title={t('dashboard.posture')} testId="posture" empty={posture ? undefined : <NoAccess action="bulwark:GetPostureReport" />} extra={screen ? undefined : <Link to="/compliance">{t('dashboard.postureLink')}</Link>}>
          {chart('posture', t('dashboard.posture'))}
        </Panel>
      </Col>
    </Row>
  );
}
