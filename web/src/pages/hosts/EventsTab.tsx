import { Button, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from '../../components/QueryState.js';
import { formatTime } from '../../components/time.js';
import { eventsApi, showValue, type EventDoc } from '../events/api.js';

type Scope = 'alerts' | 'all';

/** The event-store query for a host's events; `alerts` keeps intrusion alerts (not baseline-check alerts). */
export function hostEventQuery(hostId: string, scope: Scope): string {
  return scope === 'alerts' ? `host.id:${hostId} AND event.kind:alert AND NOT event.dataset:agent.baseline` : `host.id:${hostId}`;
}

const field = (e: EventDoc, path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), e);

const severityColor = (s: number): string => (s >= 73 ? 'red' : s >= 47 ? 'orange' : s >= 21 ? 'gold' : 'default');

/** The host's events of the last 7 days from the event store (intrusion alerts by default). */
export function EventsTab({ hostId }: { hostId: string }) {
  const { t, i18n } = useTranslation();
  const [scope, setScope] = useState<Scope>('alerts');
  const query = hostEventQuery(hostId, scope);
  const q = useQuery({ queryKey: ['host-events', hostId, scope], queryFn: () => eventsApi.search({ query, from: '-7d', to: 'now', size: 100, sort: ['@timestamp:desc'] }) });
  const rows = q.data?.events ?? [];
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Segmented<Scope> value={scope} onChange={setScope} options={[{ value: 'alerts', label: t('hosts.events.alertsOnly') }, { value: 'all', label: t('hosts.events.all') }]} />
        <Link to={`/security/events?${new URLSearchParams({ q: query, from: '-7d' }).toString()}`}>
          <Button type="link">{t('hosts.events.open')}</Button>
        </Link>
      </Space>
      <QueryState loading={q.isLoading} error={q.error} retry={() => void q.refetch()} empty={rows.length === 0} emptyText={t('hosts.events.empty')}>
        <Table<EventDoc>
          size="small"
          rowKey={(e) => showValue(field(e, 'event.id')) || showValue(field(e, '@timestamp')) + showValue(field(e, 'message'))}
          dataSource={rows}
          pagination={{ pageSize: 20 }}
          expandable={{ expandedRowRender: (e) => <pre style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 12 }}>{JSON.stringify(e, null, 2)}</pre> }}
          columns={[
            { title: t('hosts.events.time'), render: (_: unknown, e) => formatTime(showValue(field(e, '@timestamp')), i18n.language), width: 190 },
            { title: t('hosts.events.severity'), width: 90, render: (_: unknown, e) => {
              const s = Number(field(e, 'event.severity') ?? 0);
              return <Tag color={severityColor(s)}>{s}</Tag>;
            } },
            { title: t('hosts.events.action'), render: (_: unknown, e) => showValue(field(e, 'event.action')) },
            { title: t('hosts.events.source'), render: (_: unknown, e) => showValue(field(e, 'source.ip')), responsive: ['lg'] },
            { title: t('hosts.events.message'), render: (_: unknown, e) => <Typography.Text ellipsis={{ tooltip: showValue(field(e, 'message')) }} style={{ maxWidth: 560 }}>{showValue(field(e, 'message'))}</Typography.Text> },
          ]}
        />
      </QueryState>
    </>
  );
}
