import { Alert, Button, DatePicker, Descriptions, Drawer, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import type { AuditEvent } from '../../api/types.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryState } from '../../components/QueryState.js';
import { formatTime } from '../../components/time.js';

interface Filters {
  user?: string;
  action?: string;
  result?: 'success' | 'failure';
  range?: [Dayjs | null, Dayjs | null] | null;
}

function ChainStatus() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['audit-verify'], queryFn: () => api.get<{ ok: boolean; records: number; broken?: { seq: number; eventId: string; reason: string } }>('/audit/verify') });
  if (q.isLoading) return <Alert type="info" title={t('audit.verifying')} style={{ marginBottom: 16 }} />;
  if (q.error || !q.data) return null;
  return q.data.ok ? (
    <Alert type="success" showIcon title={t('audit.chainOk', { n: q.data.records })} style={{ marginBottom: 16 }} data-testid="chain-status" />
  ) : (
    <Alert type="error" showIcon title={t('audit.chainBroken', { seq: q.data.broken?.seq })} description={q.data.broken?.reason} style={{ marginBottom: 16 }} data-testid="chain-status" />
  );
}

function Json({ value }: { value: unknown }) {
  return <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>{JSON.stringify(value ?? {}, null, 2)}</pre>;
}

/** The account's audit trail: filter by user, action, result and time; event detail; chain status. */
export function AuditTrail() {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [cursors, setCursors] = useState<number[]>([]);
  const [selected, setSelected] = useState<AuditEvent>();
  const beforeSeq = cursors[cursors.length - 1];
  const q = useQuery({
    queryKey: ['audit', filters, beforeSeq],
    queryFn: () =>
      api.get<{ events: AuditEvent[]; nextBeforeSeq?: number }>('/audit/events', {
        user: filters.user,
        action: filters.action,
        result: filters.result,
        from: filters.range?.[0]?.toISOString(),
        to: filters.range?.[1]?.toISOString(),
        beforeSeq,
        limit: 50,
      }),
  });
  const events = q.data?.events ?? [];
  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.description')} />
      <ChainStatus />
      <Form form={form} layout="inline" style={{ marginBottom: 16, rowGap: 8 }} onFinish={(v) => {
        setCursors([]);
        setFilters(v);
      }}>
        <Form.Item name="user" label={t('audit.user')}><Input allowClear style={{ width: 150 }} data-testid="filter-user" /></Form.Item>
        <Form.Item name="action" label={t('audit.action')}><Input allowClear style={{ width: 170 }} placeholder={t('audit.actionPlaceholder')} data-testid="filter-action" /></Form.Item>
        <Form.Item name="result" label={t('audit.result')}>
          <Select allowClear style={{ width: 130 }} options={[{ value: 'success', label: t('audit.success') }, { value: 'failure', label: t('audit.failure') }]} />
        </Form.Item>
        <Form.Item name="range" label={t('audit.time')}><DatePicker.RangePicker showTime /></Form.Item>
        <Form.Item><Button type="primary" htmlType="submit">{t('audit.search')}</Button></Form.Item>
      </Form>
      <QueryState loading={q.isLoading} error={q.error} retry={() => void q.refetch()} empty={events.length === 0 && cursors.length === 0} emptyText={t('audit.empty')}>
        <Table<AuditEvent> rowKey="eventId" size="middle" dataSource={events} pagination={false} onRow={(e) => ({ onClick: () => setSelected(e), style: { cursor: 'pointer' } })} columns={[
          { title: t('audit.time'), dataIndex: 'eventTime', render: (v: string) => formatTime(v, i18n.language) },
          { title: t('audit.user'), render: (_: unknown, e) => e.userIdentity.userName ?? e.userIdentity.type },
          { title: t('audit.action'), dataIndex: 'eventName', render: (v: string) => <a>{v}</a> },
          { title: t('audit.type'), dataIndex: 'eventType' },
          { title: t('audit.source'), dataIndex: 'sourceIpAddress' },
          { title: t('audit.result'), render: (_: unknown, e) => (e.errorCode ? <Tag color="red">{e.errorCode}</Tag> : <Tag color="green">{t('audit.success')}</Tag>) },
        ]} />
        <Space style={{ marginTop: 12 }}>
          <Button size="small" disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>{t('common.previous')}</Button>
          <Button size="small" disabled={q.data?.nextBeforeSeq === undefined} onClick={() => setCursors((c) => [...c, q.data!.nextBeforeSeq!])}>{t('common.next')}</Button>
        </Space>
      </QueryState>
      <Drawer open={!!selected} size={720} title={selected?.eventName} onClose={() => setSelected(undefined)}>
        {selected && (
          <>
            <Descriptions column={1} size="small" bordered items={[
              { key: 'time', label: t('audit.time'), children: formatTime(selected.eventTime, i18n.language) },
              { key: 'id', label: t('audit.eventId'), children: <Typography.Text code>{selected.eventId}</Typography.Text> },
              { key: 'seq', label: t('audit.sequence'), children: selected.seq },
              { key: 'user', label: t('audit.user'), children: `${selected.userIdentity.userName ?? selected.userIdentity.type} (${selected.userIdentity.principalId})` },
              { key: 'source', label: t('audit.eventSource'), children: selected.eventSource },
              { key: 'type', label: t('audit.type'), children: `${selected.eventType} · ${selected.eventRW}` },
              { key: 'ip', label: t('audit.source'), children: selected.sourceIpAddress },
              { key: 'request', label: t('audit.requestId'), children: selected.requestId },
              { key: 'result', label: t('audit.result'), children: selected.errorCode ? `${selected.errorCode}: ${selected.errorMessage ?? ''}` : t('audit.success') },
            ]} />
            <Typography.Title level={5} style={{ marginTop: 16 }}>{t('audit.parameters')}</Typography.Title>
            <Typography.Paragraph type="secondary">{t('audit.redactedNote')}</Typography.Paragraph>
            <Json value={selected.requestParameters} />
            {selected.responseElements && (
              <>
                <Typography.Title level={5} style={{ marginTop: 16 }}>{t('audit.response')}</Typography.Title>
                <Json value={selected.responseElements} />
              </>
            )}
          </>
        )}
      </Drawer>
    </>
  );
}
