import { App, Button, Input, Select, Space, Table, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/session.js';
import { ConfirmByName } from '../../components/ConfirmByName.js';
import { QueryState } from '../../components/QueryState.js';
import { formatTime } from '../../components/time.js';
import { DECISIONS_KEY, REPUTATION_WRITES, reputationApi, useDecisions, type Decision, type DecisionAction, type DecisionOrigin } from './api.js';
import { evidenceParts } from './decision-form.js';
import { ActionTag, OriginTag, useLeft } from './labels.js';

/** The account's active decisions: what is banned, challenged or logged, why, by whom and until when. */
export function Decisions({ onLookup, banButton }: { onLookup: (ip: string) => void; banButton: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const qc = useQueryClient();
  const q = useDecisions();
  const left = useLeft();
  const [filter, setFilter] = useState('');
  const [action, setAction] = useState<DecisionAction>();
  const [origin, setOrigin] = useState<DecisionOrigin>();
  const [unbanning, setUnbanning] = useState<string>();
  const all = q.data?.decisions ?? [];
  const needle = filter.trim().toLowerCase();
  const rows = all.filter((d) => (!action || d.action === action) && (!origin || d.origin === origin) && (!needle || d.value.includes(needle) || d.scenario.toLowerCase().includes(needle)));
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('reputation.decisions.search')} onSearch={setFilter} onChange={(e) => setFilter(e.target.value)} style={{ width: 280 }} data-testid="decision-filter" />
        <Select allowClear placeholder={t('reputation.decisions.allActions')} value={action} onChange={setAction} style={{ width: 160 }} options={(['ban', 'challenge', 'log'] as const).map((a) => ({ value: a, label: t(`reputation.actions.${a}`) }))} />
        <Select allowClear placeholder={t('reputation.decisions.allOrigins')} value={origin} onChange={setOrigin} style={{ width: 160 }} options={(['bulwark', 'manual', 'import'] as const).map((o) => ({ value: o, label: t(`reputation.origins.${o}`) }))} />
        {q.data && <Typography.Text type="secondary" data-testid="decision-count">{t('reputation.decisions.count', { count: all.length })}</Typography.Text>}
      </Space>
      <QueryState loading={q.isLoading} error={q.error} retry={() => void q.refetch()} empty={all.length === 0} emptyText={t('reputation.decisions.empty')} emptyAction={banButton}>
        <Table<Decision>
          size="middle"
          rowKey="id"
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: true }}
          data-testid="decision-table"
          columns={[
            { title: t('reputation.decisions.target'), dataIndex: 'value', sorter: (a, b) => a.value.localeCompare(b.value), render: (v: string) => <Typography.Link code onClick={() => onLookup(v)} data-testid={`decision-${v}`}>{v}</Typography.Link> },
            { title: t('reputation.decisions.action'), dataIndex: 'action', width: 110, render: (a: DecisionAction) => <ActionTag action={a} /> },
            { title: t('reputation.decisions.origin'), dataIndex: 'origin', width: 110, render: (o: DecisionOrigin) => <OriginTag origin={o} /> },
            { title: t('reputation.decisions.reason'), dataIndex: 'scenario' },
            {
              title: t('reputation.decisions.evidence'),
              responsive: ['lg'],
              render: (_: unknown, d) => evidenceParts(d.evidence).map((p) => <div key={p}><Typography.Text type="secondary" ellipsis style={{ maxWidth: 320 }}>{p}</Typography.Text></div>),
            },
            { title: t('reputation.decisions.created'), dataIndex: 'createdAt', responsive: ['xl'], sorter: (a, b) => a.createdAt.localeCompare(b.createdAt), render: (v: string) => formatTime(v, i18n.language) },
            {
              title: t('reputation.decisions.expires'),
              dataIndex: 'until',
              defaultSortOrder: 'descend',
              sorter: (a, b) => a.until.localeCompare(b.until),
              render: (v: string) => (
                <>
                  <div>{formatTime(v, i18n.language)}</div>
                  <Typography.Text type="secondary">{left(v)}</Typography.Text>
                </>
              ),
            },
            ...(can(REPUTATION_WRITES.unban)
              ? [{ title: t('common.actions'), key: 'actions', render: (_: unknown, d: Decision) => <Button size="small" danger onClick={() => setUnbanning(d.value)} data-testid={`unban-${d.value}`}>{t('reputation.decisions.unban')}</Button> }]
              : []),
          ]}
        />
      </QueryState>
      <ConfirmByName
        open={!!unbanning}
        name={unbanning ?? ''}
        title={t('reputation.decisions.unbanTitle', { target: unbanning ?? '' })}
        danger={t('reputation.decisions.unbanWarning')}
        onClose={() => setUnbanning(undefined)}
        onConfirm={async () => {
          const r = await reputationApi.unban(unbanning!);
          await qc.invalidateQueries({ queryKey: DECISIONS_KEY });
          void message.success(t('reputation.decisions.unbanned', { target: unbanning, count: r.deleted }));
        }}
      />
    </>
  );
}
