import { Button, Input, Space, Table, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryState } from '../../components/QueryState.js';
import { formatTime } from '../../components/time.js';
import { hostsApi, type HostSummary } from './api.js';
import { EnrollHost } from './EnrollHost.js';
import { AgentStatus, RiskTag, VulnCounts } from './RiskTag.js';
import { TokenList } from './TokenList.js';

/** Every enrolled host, riskiest first (paged and filtered on the server): risk score, agent status, OS, address, last seen, findings. */
export function Hosts() {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState('');
  const [status, setStatus] = useState<'online' | 'offline'>();
  const [page, setPage] = useState({ pageNumber: 1, pageSize: 20 });
  const [enrolling, setEnrolling] = useState(false);
  const [tokens, setTokens] = useState(false);
  const query = { filter, ...(status ? { status } : {}), ...page };
  const q = useQuery({ queryKey: ['hosts', query], queryFn: () => hostsApi.summary(query), refetchInterval: 30_000, placeholderData: keepPreviousData });
  const hosts = q.data?.Hosts ?? [];
  const unfiltered = !filter && !status;
  return (
    <>
      <PageHeader
        title={t('hosts.title')}
        description={t('hosts.description')}
        actions={
          <>
            <Button onClick={() => setTokens(true)}>{t('hosts.tokens')}</Button>
            <Button type="primary" onClick={() => setEnrolling(true)} data-testid="add-host">{t('hosts.add')}</Button>
          </>
        }
      />
      <QueryState loading={q.isLoading} error={q.error} retry={() => void q.refetch()} empty={unfiltered && q.data?.TotalCount === 0} emptyText={t('hosts.empty')} emptyAction={<Button type="primary" onClick={() => setEnrolling(true)}>{t('hosts.add')}</Button>}>
        <Space style={{ marginBottom: 12 }}>
          <Input.Search allowClear placeholder={t('hosts.search')} style={{ width: 320 }} onSearch={(v) => {
            setFilter(v);
            setPage((p) => ({ ...p, pageNumber: 1 }));
          }} data-testid="host-filter" />
        </Space>
        <Table<HostSummary>
          size="middle"
          rowKey="HostId"
          dataSource={hosts}
          loading={q.isFetching && !q.isLoading}
          pagination={{ current: page.pageNumber, pageSize: page.pageSize, total: q.data?.TotalCount ?? 0, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100] }}
          onChange={(p, filters) => {
            const s = (filters.Status?.[0] as 'online' | 'offline' | undefined) ?? undefined;
            setStatus(s);
            setPage({ pageNumber: s !== status ? 1 : (p.current ?? 1), pageSize: p.pageSize ?? 20 });
          }}
          columns={[
            {
              title: t('hosts.column.host'),
              render: (_: unknown, h) => (
                <Space direction="vertical" size={0}>
                  <Link to={`/hosts/${h.HostId}`} data-testid={`host-${h.Hostname}`}>{h.Hostname}</Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{h.Label || h.HostId}</Typography.Text>
                </Space>
              ),
            },
            { title: t('hosts.column.risk'), render: (_: unknown, h) => <RiskTag risk={h.Risk} />, width: 140 },
            { title: t('hosts.column.status'), dataIndex: 'Status', render: (s: HostSummary['Status']) => <AgentStatus status={s} />, key: 'Status', filters: [{ text: t('hosts.status.online'), value: 'online' }, { text: t('hosts.status.offline'), value: 'offline' }], filterMultiple: false, filteredValue: status ? [status] : null, width: 110 },
            { title: t('hosts.column.os'), dataIndex: 'Os', responsive: ['lg'] },
            { title: t('hosts.column.address'), dataIndex: 'Address', render: (a: string) => a && <Typography.Text code>{a}</Typography.Text> },
            { title: t('hosts.column.lastSeen'), dataIndex: 'LastSeenAt', render: (v: string | null) => (v ? formatTime(v, i18n.language) : t('hosts.never')) },
            { title: t('hosts.column.baseline'), render: (_: unknown, h) => (h.Baseline.Passed + h.Baseline.Failed === 0 ? t('hosts.noBaseline') : t('hosts.baselineCell', { failed: h.Baseline.Failed, rate: h.Baseline.PassRate })) },
            { title: t('hosts.column.vulns'), render: (_: unknown, h) => <VulnCounts v={h.Vulnerabilities} /> },
            { title: t('hosts.column.alerts'), render: (_: unknown, h) => (h.Alerts ? `${h.Alerts.Total}${h.Alerts.High ? ` (${h.Alerts.High}↑)` : ''}` : t('hosts.alertsUnknown')), responsive: ['xl'] },
          ]}
        />
      </QueryState>
      <EnrollHost open={enrolling} onClose={() => setEnrolling(false)} />
      <TokenList open={tokens} onClose={() => setTokens(false)} />
    </>
  );
}
