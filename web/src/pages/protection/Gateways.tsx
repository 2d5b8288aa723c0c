import { Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/QueryState.js';
import { formatTime } from '../../components/time.js';
import { upstreamHealth } from './gateway-health.js';
import type { GatewayView } from './sites-api.js';
import type { useGateways } from './sites-api.js';

/** The managed gateways' latest status reports: online or not, when last seen, their listeners. */
export function GatewaysCard({ q }: { q: ReturnType<typeof useGateways> }) {
  const { t, i18n } = useTranslation();
  const gateways = q.data?.gateways ?? [];
  return (
    <Card size="small" title={t('protection.gateways.title')} style={{ marginBottom: 16 }} data-testid="gateways-card">
      <QueryState loading={q.isLoading} error={q.error} retry={() => void q.refetch()} empty={gateways.length === 0} emptyText={t('protection.gateways.empty')}>
        <Table<GatewayView> rowKey="gatewayId" size="small" pagination={{ pageSize: 10, hideOnSinglePage: true }} dataSource={gateways} columns={[
          { title: t('protection.gateways.gateway'), dataIndex: 'gatewayId', render: (v: string, g) => <Space size={4}><Typography.Text code>{v}</Typography.Text><Typography.Text type="secondary">{`v${g.version}`}</Typography.Text></Space> },
          { title: t('protection.gateways.state'), dataIndex: 'online', render: (online: boolean) => <Tag color={online ? 'green' : 'default'} data-testid="gateway-state">{online ? t('protection.gateways.online') : t('protection.gateways.offline')}</Tag> },
          { title: t('protection.gateways.lastSeen'), dataIndex: 'lastSeen', render: (v: string) => formatTime(v, i18n.language) },
          {
            title: t('protection.gateways.listeners'),
            render: (_: unknown, g) => g.listeners.map((l) => (
              <div key={l.address}>
                <Space size={4}>
                  <Typography.Text code>{l.address}</Typography.Text>
                  <Tag color={l.tls ? 'green' : 'default'}>{l.tls ? t('protection.gateways.https') : t('protection.gateways.http')}</Tag>
                  {l.http2 && <Tag color="blue">{t('protection.gateways.http2')}</Tag>}
                </Space>
              </div>
            )),
          },
          { title: t('protection.gateways.health'), dataIndex: 'health', render: (h: GatewayView['health']) => (h === 'unknown' ? <Tooltip title={t('protection.gateways.healthUnknownHelp')}><Tag>{t('protection.gateways.healthUnknown')}</Tag></Tooltip> : <Tag color="green">{t('protection.gateways.healthReported')}</Tag>) },
        ]} />
      </QueryState>
    </Card>
  );
}

/** One upstream's health as the online gateways report it. */
export function UpstreamHealthTag({ gateways, site, url }: { gateways: readonly GatewayView[]; site: string; url: string }) {
  const { t } = useTranslation();
  const h = upstreamHealth(gateways, site, url);
  if (h.reporting === 0) return <Tag data-testid="upstream-health">{h.unknown > 0 ? t('protection.gateways.healthUnknown') : t('protection.gateways.notReported')}</Tag>;
  const color = h.healthy === h.reporting ? 'green' : h.healthy === 0 ? 'red' : 'gold';
  const label = h.healthy === h.reporting ? t('protection.gateways.healthy') : h.healthy === 0 ? t('protection.gateways.unhealthy') : t('protection.gateways.partly');
  return <Tooltip title={t('protection.gateways.healthDetail', { healthy: h.healthy, reporting: h.reporting })}><Tag color={color} data-testid="upstream-health">{`${label} ${h.healthy}/${h.reporting}`}</Tag></Tooltip>;
}
