import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Tabs, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useAction } from '../../api/useAction.js';
import { useCan, useReadOnly } from '../../auth/session.js';
import { ConfirmByName } from '../../components/ConfirmByName.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryState } from '../../components/QueryState.js';
import { formatTime } from '../../components/time.js';
import { HOST_WRITES, hostsApi } from './api.js';
import { BaselineTab } from './BaselineTab.js';
import { EventsTab } from './EventsTab.js';
import { InventoryTab } from './InventoryTab.js';
import { ResponseTab } from './ResponseTab.js';
import { AgentStatus, RiskTag, VulnCounts } from './RiskTag.js';
import { VulnTab } from './VulnTab.js';

const TABS = ['baseline', 'vulns', 'inventory', 'events', 'response'] as const;
type TabKey = (typeof TABS)[number];

/** One host: summary, then inventory, baseline, vulnerabilities, intrusion events and response actions. */
export function HostDetail() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { hostId = '' } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const can = useCan();
  const readOnly = useReadOnly(...HOST_WRITES);
  const [params, setParams] = useSearchParams();
  const [deleting, setDeleting] = useState(false);
  const tab: TabKey = TABS.includes(params.get('tab') as TabKey) ? (params.get('tab') as TabKey) : 'baseline';
  const q = useQuery({ queryKey: ['host', hostId], queryFn: () => hostsApi.detail(hostId), refetchInterval: 15_000 });
  const refresh = () => qc.invalidateQueries({ queryKey: ['host', hostId] });
  const { error, act } = useAction(refresh);
  const d = q.data;
  const h = d?.Host;
  return (
    <>
      <Link to="/hosts"><ArrowLeftOutlined /> {t('hosts.detail.back')}</Link>
      <PageHeader
        title={h?.Hostname ?? hostId}
        description={h?.Os}
        actions={
          h && (
            <>
              {can('bulwark:CreateHostTask') && <Button onClick={() => void act(async () => {
                await hostsApi.scan(h.HostId);
                void message.success(t('hosts.detail.scanQueued'));
              })} data-testid="scan-now">{t('hosts.detail.scan')}</Button>}
              {can('bulwark:DeleteHost') && <Button danger onClick={() => setDeleting(true)} data-testid="delete-host">{t('hosts.detail.delete')}</Button>}
            </>
          )
        }
      />
      {readOnly && <Alert type="info" showIcon title={t('common.readOnly')} style={{ marginBottom: 12 }} data-testid="read-only" />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <QueryState loading={q.isLoading} error={q.error} retry={() => void q.refetch()}>
        {d && h && (
          <>
            <Card size="small" style={{ marginBottom: 16 }}>
              <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} items={[
                { key: 'risk', label: t('hosts.column.risk'), children: <RiskTag risk={h.Risk} /> },
                { key: 'status', label: t('hosts.column.status'), children: <AgentStatus status={h.Status} /> },
                { key: 'address', label: t('hosts.column.address'), children: h.Address && <Typography.Text code>{h.Address}</Typography.Text> },
                { key: 'lastSeen', label: t('hosts.column.lastSeen'), children: h.LastSeenAt ? formatTime(h.LastSeenAt, i18n.language) : t('hosts.never') },
                { key: 'vulns', label: t('hosts.column.vulns'), children: <VulnCounts v={h.Vulnerabilities} /> },
                { key: 'baseline', label: t('hosts.column.baseline'), children: h.Baseline.Passed + h.Baseline.Failed === 0 ? t('hosts.noBaseline') : t('hosts.baselineCell', { failed: h.Baseline.Failed, rate: h.Baseline.PassRate }) },
                { key: 'alerts', label: t('hosts.column.alerts'), children: h.Alerts ? h.Alerts.Total : t('hosts.alertsUnknown') },
                { key: 'agent', label: t('hosts.detail.agentVersion'), children: h.AgentVersion },
                { key: 'id', label: t('hosts.detail.hostId'), children: <Typography.Text copyable>{h.HostId}</Typography.Text> },
                { key: 'label', label: t('hosts.detail.label'), children: h.Label },
                { key: 'enrolled', label: t('hosts.detail.enrolled'), children: formatTime(h.EnrolledAt, i18n.language) },
                { key: 'inventory', label: t('hosts.detail.inventoryAt'), children: h.InventoryCollectedAt ? formatTime(h.InventoryCollectedAt, i18n.language) : t('hosts.never') },
              ]} />
            </Card>
            <Tabs
              activeKey={tab}
              onChange={(k) => setParams({ tab: k }, { replace: true })}
              destroyOnHidden
              items={[
                { key: 'baseline', label: t('hosts.detail.tabs.baseline'), children: <BaselineTab policies={d.Policies} checks={d.Checks} /> },
                { key: 'vulns', label: t('hosts.detail.tabs.vulns'), children: <VulnTab hostId={h.HostId} /> },
                { key: 'inventory', label: t('hosts.detail.tabs.inventory'), children: <InventoryTab hostId={h.HostId} /> },
                { key: 'events', label: t('hosts.detail.tabs.events'), children: <EventsTab hostId={h.HostId} /> },
                { key: 'response', label: t('hosts.detail.tabs.response'), children: <ResponseTab host={h} responses={d.Responses} refresh={refresh} /> },
              ]}
            />
            <ConfirmByName
              open={deleting}
              name={h.Hostname}
              title={t('hosts.detail.delete')}
              danger={t('hosts.detail.deleteWarning')}
              onClose={() => setDeleting(false)}
              onConfirm={async () => {
                await hostsApi.remove(h.HostId);
                await qc.invalidateQueries({ queryKey: ['hosts'] });
                void navigate('/hosts');
              }}
            />
          </>
        )}
      </QueryState>
    </>
  );
}
