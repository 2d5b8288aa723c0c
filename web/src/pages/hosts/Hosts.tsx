import { SettingOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Input, Popover, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan, useReadOnly } from '../../auth/session.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryState } from '../../components/QueryState.js';
import { formatTime } from '../../components/time.js';
import { HOST_WRITES, hostsApi, type HostSummary } from './api.js';
import { EnrollHost } from './EnrollHost.js';
import { AgentStatus, RiskTag, VulnCounts } from './RiskTag.js';
import { TokenList } from './TokenList.js';

/** Columns that can be hidden, and the browser's choice (kept across visits). */
const OPTIONAL = ['risk', 'status', 'os', 'address', 'lastSeen', 'baseline', 'vulns', 'alerts'] as const;
type Optional = (typeof OPTIONAL)[number];
const COLUMNS_KEY = 'bulwark.hosts.columns';

function savedColumns(): Optional[] {
  try {
    const v = JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? 'null') as unknown;
    if (Array.isArray(v)) return OPTIONAL.filter((k) => v.includes(k));
  } catch {
    /* the default */
  }
  return [...OPTIONAL];
}

/** Every enrolled host, riskiest first (paged and filtered on the server): risk score, agent status, OS, address, last seen, findings. */
export function Hosts() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const readOnly = useReadOnly(...HOST_WRITES);
  const [filter, setFilter] = useState('');
  const [status, setStatus] = useState<'online' | 'offline'>();
  const [page, setPage] = useState({ pageNumber: 1, pageSize: 20 });
  const [enrolling, setEnrolling] = useState(false);
  const [tokens, setTokens] = useState(false);
  const [shown, setShown] = useState<Optional[]>(savedColumns);
  const choose = (keys: Optional[]) => {
    setShown(keys);
    localStorage.setItem(COLUMNS_KEY, JSON.stringify(keys));
  };
  const query = { filter, ...(status ? { status } : {}), ...page };
  const q = useQuery({ queryKey: ['hosts', query], queryFn: () => hostsApi.summary(query), refetchInterval: 30_000, placeholderData: keepPreviousData });
  const hosts = q.data?.Hosts ?? [];
  const unfiltered = !filter && !status;
  const columns: ColumnsType<HostSummary> = [
            {
              key: 'host',
              title: t('hosts.column.host'),
              render: (_: unknown, h) => (
                <Space direction="vertical" size={0}>
                  <Link to={`/hosts/${h.HostId}`} data-testid={`host-${h.Hostname}`}>{h.Hostname}</Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{h.Label || h.HostId}</Typography.Text>
                </Space>
              ),
            },
            { key: 'risk', title: t('hosts.column.risk'), render: (_: unknown, h) => <RiskTag risk={h.Risk} />, width: 140 },
            { key: 'status', title: t('hosts.column.status'), dataIndex: 'Status', render: (s: HostSummary['Status']) => <AgentStatus status={s} />, filters: [{ text: t('hosts.status.online'), value: 'online' }, { text: t('hosts.status.offline'), value: 'offline' }], filterMultiple: false, filteredValue: status ? [status] : null, width: 110 },
            { key: 'os', title: t('hosts.column.os'), dataIndex: 'Os', responsive: ['lg'] },
            { key: 'address', title: t('hosts.column.address'), dataIndex: 'Address', render: (a: string) => a && <Typography.Text code>{a}</Typography.Text> },
            { key: 'lastSeen', title: t('hosts.column.lastSeen'), dataIndex: 'LastSeenAt', render: (v: string | null) => (v ? formatTime(v, i18n.language) : t('hosts.never')) },
            { key: 'baseline', title: t('hosts.column.baseline'), render: (_: unknown, h) => (h.Baseline.Passed + h.Baseline.Failed === 0 ? t('hosts.noBaseline') : t('hosts.baselineCell', { failed: h.Baseline.Failed, rate: h.Baseline.PassRate })) },
            { key: 'vulns', title: t('hosts.column.vulns'), render: (_: unknown, h) => <VulnCounts v={h.Vulnerabilities} /> },
            { key: 'alerts', title: t('hosts.column.alerts'), render: (_: unknown, h) => (h.Alerts ? `${h.Alerts.Total}${h.Alerts.High ? ` (${h.Alerts.High}↑)` : ''}` : t('hosts.alertsUnknown')), responsive: ['xl'] },
  ];
  return (
    <>
      <PageHeader
        title={t('hosts.title')}
        description={t('hosts.description')}
        actions={
          <>
            <Button onClick={() => setTokens(true)}>{t('hosts.tokens')}</Button>
            {can('bulwark:CreateEnrollmentToken') && <Button type="primary" onClick={() => setEnrolling(true)} data-testid="add-host">{t('hosts.add')}</Button>}
          </>
        }
      />
      {readOnly && <Alert type="info" showIcon title={t('common.readOnly')} style={{ marginBottom: 12 }} data-testid="read-only" />}
      <QueryState loading={q.isLoading} error={q.error} retry={() => void q.refetch()} empty={unfiltered && q.data?.TotalCount === 0} emptyText={t('hosts.empty')} emptyAction={can('bulwark:CreateEnrollmentToken') && <Button type="primary" onClick={() => setEnrolling(true)}>{t('hosts.add')}</Button>}>
        <Space style={{ marginBottom: 12 }}>
          <Input.Search allowClear placeholder={t('hosts.search')} style={{ width: 320 }} onSearch={(v) => {
            setFilter(v);
            setPage((p) => ({ ...p, pageNumber: 1 }));
          }} data-testid="host-filter" />
          <Popover trigger="click" placement="bottomLeft" title={t('hosts.columnsTitle')} content={
            <Checkbox.Group<Optional> style={{ display: 'flex', flexDirection: 'column', gap: 4 }} value={shown} onChange={choose} options={OPTIONAL.map((k) => ({ value: k, label: t(`hosts.column.${k}`) }))} />
          }>
            <Button icon={<SettingOutlined />}>{t('hosts.columnsTitle')}</Button>
          </Popover>
        </Space>
        <Table<HostSummary>
          size="middle"
          rowKey="HostId"
          dataSource={hosts}
          loading={q.isFetching && !q.isLoading}
          pagination={{ current: page.pageNumber, pageSize: page.pageSize, total: q.data?.TotalCount ?? 0, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100] }}
          onChange={(p, filters) => {
            const s = (filters.status?.[0] as 'online' | 'offline' | undefined) ?? undefined;
            setStatus(s);
            setPage({ pageNumber: s !== status ? 1 : (p.current ?? 1), pageSize: p.pageSize ?? 20 });
          }}
          columns={columns.filter((c) => c.key === 'host' || shown.includes(c.key as Optional))}
        />
      </QueryState>
      <EnrollHost open={enrolling} onClose={() => setEnrolling(false)} />
      <TokenList open={tokens} onClose={() => setTokens(false)} />
    </>
  );
}
