import { Select, Space, Table } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/QueryState.js';
import { formatTime } from '../../components/time.js';
import { AlertDrawer } from './AlertDrawer.js';
import { SeverityTag, STATUSES, StatusActions, StatusTag } from './AlertTags.js';
import { alertsApi, SEVERITIES, type Alert, type AlertStatus, type SeverityLabel } from './api.js';

const PAGE = 20;
/** Alerts of the account: severity and status filters, server-side paging, acknowledge / close, detail drawer. */
export function AlertList() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [status, setStatus] = useState<AlertStatus>();
  const [severity, setSeverity] = useState<SeverityLabel>();
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<string>();
  // new alerts appear without a reload (the scheduler runs every minute by default)
  const q = useQuery({ queryKey: ['alerts', status, severity, page], queryFn: () => alertsApi.listAlerts({ ...(status ? { status } : {}), ...(severity ? { severity } : {}), limit: PAGE, offset: (page - 1) * PAGE }), refetchInterval: 30_000 });
  const refresh = () => qc.invalidateQueries({ queryKey: ['alerts'] });
  const filtered = status !== undefined || severity !== undefined;
  const when = (ms: number) => formatTime(new Date(ms).toISOString(), i18n.language);
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select<AlertStatus> allowClear placeholder={t('alerts.filters.status')} style={{ width: 180 }} value={status} onChange={(v) => { setStatus(v); setPage(1); }} options={STATUSES.map((s) => ({ value: s, label: t(`alerts.status.${s}`) }))} data-testid="filter-status" />
        <Select<SeverityLabel> allowClear placeholder={t('alerts.filters.severity')} style={{ width: 180 }} value={severity} onChange={(v) => { setSeverity(v); setPage(1); }} options={SEVERITIES.map((s) => ({ value: s, label: t(`alerts.severity.${s}`) }))} data-testid="filter-severity" />
      </Space>
      <QueryState loading={q.isLoading} error={q.error} retry={() => void q.refetch()} empty={(q.data?.total ?? 0) === 0 && page === 1} emptyText={filtered ? t('alerts.emptyFiltered') : t('alerts.empty')}>
        <Table<Alert>
          rowKey="id"
          dataSource={q.data?.alerts ?? []}
          onRow={(a) => ({ onClick: () => setSelected(a.id), style: { cursor: 'pointer' } })}
          pagination={{ current: page, pageSize: PAGE, total: q.data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
          columns={[
            { title: t('alerts.columns.severity'), dataIndex: 'severity', width: 110, render: (v: number) => <SeverityTag severity={v} /> },
            { title: t('alerts.columns.title'), dataIndex: 'title', ellipsis: true, render: (v: string, a) => <a data-testid={`alert-${a.id}`}>{v}</a> },
            { title: t('alerts.columns.status'), dataIndex: 'status', width: 130, render: (v: AlertStatus) => <StatusTag status={v} /> },
            { title: t('alerts.columns.count'), dataIndex: 'count', width: 90 },
            { title: t('alerts.columns.last'), dataIndex: 'last', width: 190, render: when },
            { title: t('common.actions'), width: 200, render: (_: unknown, a) => <StatusActions alert={a} onChanged={refresh} /> },
          ]}
        />
      </QueryState>
      {selected && <AlertDrawer alertId={selected} onClose={() => setSelected(undefined)} onChanged={refresh} />}
    </>
  );
}
