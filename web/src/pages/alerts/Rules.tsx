import { Alert as Notice, Button, Space, Switch, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/useAction.js';
import { useCan, useReadOnly } from '../../auth/session.js';
import { ConfirmByName } from '../../components/ConfirmByName.js';
import { QueryState } from '../../components/QueryState.js';
import { formatTime } from '../../components/time.js';
import { SeverityTag } from './AlertTags.js';
import { alertsApi, type Rule, type RuleDefinition } from './api.js';
import { RuleEditor } from './RuleEditor.js';
import { sigmaTitle } from './rule-form.js';

const PAGE = 20;
const CREATE = 'bulwark:CreateEventRule';
const UPDATE = 'bulwark:UpdateEventRule';
const DELETE = 'bulwark:DeleteEventRule';

/** Alert rules of the account: enable switch, editor, delete (typing the name). */
export function Rules() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const can = useCan();
  const readOnly = useReadOnly(CREATE, UPDATE, DELETE);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Rule | 'new'>();
  const [deleting, setDeleting] = useState<Rule>();
  const q = useQuery({ queryKey: ['alert-rules', page], queryFn: () => alertsApi.listRules({ limit: PAGE, offset: (page - 1) * PAGE }) });
  const refresh = () => qc.invalidateQueries({ queryKey: ['alert-rules'] });
  const { error, act } = useAction(refresh);
  const describe = (d: RuleDefinition): string => {
    const by = d.kind !== 'sigma' && d.groupBy.length ? t('alerts.rules.by', { fields: d.groupBy.join(', ') }) : '';
    if (d.kind === 'threshold') return t('alerts.rules.thresholdSummary', { threshold: d.threshold, window: d.window, by, query: d.query || '*' });
    if (d.kind === 'new_value') return t('alerts.rules.newValueSummary', { field: d.field, by, learn: d.learn, query: d.query || '*' });
    return sigmaTitle(d.yaml) ?? t('alerts.kinds.sigma');
  };
  const create = can(CREATE) && <Button type="primary" onClick={() => setEditing('new')} data-testid="create-rule">{t('alerts.rules.create')}</Button>;
  return (
    <>
      {readOnly && <Notice type="info" showIcon title={t('common.readOnly')} style={{ marginBottom: 12 }} data-testid="read-only" />}
      {create && <Space style={{ marginBottom: 12 }}>{create}</Space>}
      {error && <Typography.Paragraph type="danger">{error}</Typography.Paragraph>}
      <QueryState loading={q.isLoading} error={q.error} retry={() => void q.refetch()} empty={(q.data?.total ?? 0) === 0 && page === 1} emptyText={t('alerts.rules.empty')} emptyAction={create}>
        <Table<Rule>
          rowKey="id"
          dataSource={q.data?.rules ?? []}
          pagination={{ current: page, pageSize: PAGE, total: q.data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
          columns={[
            { title: t('alerts.rules.name'), dataIndex: 'name', render: (v: string, r) => <a onClick={() => setEditing(r)} data-testid={`rule-${v}`}>{v}</a> },
            { title: t('alerts.rules.kind'), dataIndex: 'kind', width: 120, render: (v: Rule['kind']) => <Tag>{t(`alerts.kinds.${v}`)}</Tag> },
            { title: t('alerts.rules.definition'), ellipsis: true, render: (_: unknown, r) => <Typography.Text code title={describe(r.definition)}>{describe(r.definition)}</Typography.Text> },
            { title: t('alerts.columns.severity'), dataIndex: 'severity', width: 110, render: (v: number) => <SeverityTag severity={v} /> },
            { title: t('alerts.rules.enabled'), dataIndex: 'enabled', width: 100, render: (v: boolean, r) => <Switch checked={v} disabled={!can(UPDATE)} onChange={(on) => void act(() => alertsApi.updateRule(r.id, { enabled: on }))} data-testid={`rule-enabled-${r.name}`} /> },
            { title: t('common.updated'), dataIndex: 'updatedAt', width: 180, render: (v: string) => formatTime(v, i18n.language) },
            { title: t('common.actions'), width: 160, render: (_: unknown, r) => (
              <Space>
                {can(UPDATE) && <Button size="small" onClick={() => setEditing(r)}>{t('common.edit')}</Button>}
                {can(DELETE) && <Button size="small" danger onClick={() => setDeleting(r)}>{t('common.delete')}</Button>}
              </Space>
            ) },
          ]}
        />
      </QueryState>
      {editing && <RuleEditor open rule={editing === 'new' ? undefined : editing} readOnly={editing !== 'new' && !can(UPDATE)} onClose={() => setEditing(undefined)} onSaved={refresh} />}
      {deleting && (
        <ConfirmByName open name={deleting.name} title={t('alerts.rules.deleteTitle')} danger={t('alerts.rules.deleteWarning')} onClose={() => setDeleting(undefined)} onConfirm={async () => {
          await alertsApi.deleteRule(deleting.id);
          await refresh();
        }} />
      )}
    </>
  );
}
