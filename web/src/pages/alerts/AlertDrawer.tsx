import { Alert as Notice, Button, Descriptions, Drawer, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from '../../components/QueryState.js';
import { formatTime } from '../../components/time.js';
import { SeverityTag, StatusActions, StatusTag } from './AlertTags.js';
import { alertsApi, eventsLink } from './api.js';

/** A dotted path of an event document (`source.ip`). */
function pick(doc: Record<string, unknown>, path: string): string {
  const v = path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), doc);
  return v === undefined || v === null ? '' : String(v);
}

const EVENT_COLUMNS = ['event.action', 'event.outcome', 'host.name', 'source.ip', 'user.name', 'message'];

/** One alert: what raised it, the events behind it, the search that shows them, acknowledge / close. */
export function AlertDrawer({ alertId, onClose, onChanged }: { alertId: string; onClose: () => void; onChanged: () => Promise<unknown> }) {
  const { t, i18n } = useTranslation();
  const q = useQuery({ queryKey: ['alert', alertId], queryFn: () => alertsApi.alert(alertId) });
  const d = q.data;
  const when = (ms: number) => formatTime(new Date(ms).toISOString(), i18n.language);
  const changed = async () => {
    await onChanged();
    await q.refetch();
  };
  return (
    <Drawer open size={860} title={d?.alert.title ?? t('alerts.detail.title')} onClose={onClose} destroyOnHidden extra={d && <StatusActions alert={d.alert} onChanged={changed} />} data-testid="alert-drawer">
      <QueryState loading={q.isLoading} error={q.error}>
        {d && (
          <>
            <Descriptions size="small" column={2} bordered items={[
              { key: 'severity', label: t('alerts.columns.severity'), children: <Space><SeverityTag severity={d.alert.severity} />{d.alert.severity}</Space> },
              { key: 'status', label: t('alerts.columns.status'), children: <StatusTag status={d.alert.status} /> },
              { key: 'rule', label: t('alerts.detail.rule'), children: d.rule ? <Space>{d.rule.name}<Tag>{t(`alerts.kinds.${d.rule.kind}`)}</Tag></Space> : <Typography.Text type="secondary">{t('alerts.detail.noRule', { rule: d.alert.ruleId })}</Typography.Text> },
              { key: 'count', label: t('alerts.columns.count'), children: d.alert.count },
              { key: 'first', label: t('alerts.detail.first'), children: when(d.alert.first) },
              { key: 'last', label: t('alerts.columns.last'), children: when(d.alert.last) },
              { key: 'group', label: t('alerts.detail.group'), span: 2, children: Object.keys(d.alert.group).length ? <Space wrap>{Object.entries(d.alert.group).map(([k, v]) => <Tag key={k}>{`${k} = ${v ?? '∅'}`}</Tag>)}</Space> : '—' },
            ]} />
            <Typography.Title level={5} style={{ marginTop: 16 }}>{t('alerts.detail.events', { count: d.total })}</Typography.Title>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text code data-testid="alert-query">{d.query.text || '*'}</Typography.Text>
              {!d.query.exact && <Notice type="info" showIcon title={t('alerts.detail.approximate')} />}
              <Link to={eventsLink(d.query)} data-testid="alert-events-link"><Button>{t('alerts.detail.openSearch')}</Button></Link>
              <Table<Record<string, unknown>> size="small" rowKey={(e) => pick(e, 'event.id') || JSON.stringify(e).slice(0, 64)} pagination={false} dataSource={d.events} scroll={{ x: true }} locale={{ emptyText: t('alerts.detail.noEvents') }} columns={[
                { title: t('alerts.detail.time'), render: (_: unknown, e) => formatTime(pick(e, '@timestamp'), i18n.language), width: 180 },
                ...EVENT_COLUMNS.map((c) => ({ title: c, key: c, ellipsis: true, render: (_: unknown, e: Record<string, unknown>) => pick(e, c) })),
              ]} />
            </Space>
          </>
        )}
      </QueryState>
    </Drawer>
  );
}
