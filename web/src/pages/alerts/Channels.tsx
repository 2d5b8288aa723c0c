import { Alert as Notice, App, Button, Space, Switch, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors.js';
import { useAction } from '../../api/useAction.js';
import { useCan, useReadOnly } from '../../auth/session.js';
import { ConfirmByName } from '../../components/ConfirmByName.js';
import { QueryState } from '../../components/QueryState.js';
import { formatTime } from '../../components/time.js';
import { alertsApi, type Channel, type Delivery } from './api.js';
import { ChannelEditor } from './ChannelEditor.js';

const CREATE = 'bulwark:CreateNotificationChannel';
const UPDATE = 'bulwark:UpdateNotificationChannel';
const DELETE = 'bulwark:DeleteNotificationChannel';
const TEST = 'bulwark:TestNotificationChannel';

/** The outcome of the last test message of a channel. */
function TestResult({ result }: { result: Delivery | undefined }) {
  const { t } = useTranslation();
  if (!result) return null;
  return result.ok ? <Tag color="success" data-testid="test-result">{t('alerts.channels.testOk')}</Tag> : <Typography.Text type="danger" data-testid="test-result">{t('alerts.channels.testFailed', { error: result.error ?? '' })}</Typography.Text>;
}

/** Notification channels of the account: create / edit / delete, enable switch, test message. */
export function Channels() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const can = useCan();
  const readOnly = useReadOnly(CREATE, UPDATE, DELETE, TEST);
  const [editing, setEditing] = useState<Channel | 'new'>();
  const [deleting, setDeleting] = useState<Channel>();
  const [testing, setTesting] = useState<string>();
  const [results, setResults] = useState<Record<string, Delivery>>({});
  const q = useQuery({ queryKey: ['alert-channels'], queryFn: () => alertsApi.listChannels() });
  const refresh = () => qc.invalidateQueries({ queryKey: ['alert-channels'] });
  const { error, act } = useAction(refresh);
  const test = async (c: Channel) => {
    setTesting(c.channelId);
    try {
      const { delivery } = await alertsApi.testChannel(c.channelId);
      setResults((r) => ({ ...r, [c.channelId]: delivery }));
      if (delivery.ok) void message.success(t('alerts.channels.testOk'));
      else void message.error(t('alerts.channels.testFailed', { error: delivery.error ?? '' }));
    } catch (e) {
      setResults((r) => ({ ...r, [c.channelId]: { ok: false, attempts: 0, error: errorText(t, e) } }));
    } finally {
      setTesting(undefined);
    }
  };
  const channels = q.data?.channels ?? [];
  const create = can(CREATE) && <Button type="primary" onClick={() => setEditing('new')} data-testid="create-channel">{t('alerts.channels.create')}</Button>;
  return (
    <>
      <Notice type="info" showIcon title={t('alerts.channels.precedence')} style={{ marginBottom: 12 }} />
      {readOnly && <Notice type="info" showIcon title={t('common.readOnly')} style={{ marginBottom: 12 }} data-testid="read-only" />}
      {create && <Space style={{ marginBottom: 12 }}>{create}</Space>}
      {error && <Typography.Paragraph type="danger">{error}</Typography.Paragraph>}
      <QueryState loading={q.isLoading} error={q.error} retry={() => void q.refetch()} empty={channels.length === 0} emptyText={t('alerts.channels.empty')} emptyAction={create}>
        <Table<Channel>
          rowKey="channelId"
          dataSource={channels}
          pagination={false}
          columns={[
            { title: t('alerts.channels.name'), dataIndex: 'name', render: (v: string, c) => <a onClick={() => setEditing(c)}>{v}</a> },
            { title: t('alerts.channels.type'), dataIndex: 'type', width: 150, render: (v: Channel['type']) => <Tag>{t(`alerts.channels.types.${v}`)}</Tag> },
            { title: t('alerts.channels.target'), render: (_: unknown, c) => <Typography.Text type="secondary">{c.type === 'email' ? `${String(c.settings.host ?? '')} → ${((c.settings.to as string[] | undefined) ?? []).join(', ')}` : (c.urlHint ?? '')}</Typography.Text> },
            { title: t('alerts.channels.enabled'), dataIndex: 'enabled', width: 100, render: (v: boolean, c) => <Switch checked={v} disabled={!can(UPDATE)} onChange={(on) => void act(() => alertsApi.updateChannel(c.channelId, undefined, on))} /> },
            { title: t('common.updated'), dataIndex: 'updatedAt', width: 180, render: (v: string) => formatTime(v, i18n.language) },
            { title: t('common.actions'), width: 320, render: (_: unknown, c) => (
              <Space wrap data-testid={`channel-${c.name}`}>
                {can(TEST) && <Button size="small" loading={testing === c.channelId} onClick={() => void test(c)} data-testid={`test-${c.name}`}>{t('alerts.channels.test')}</Button>}
                {can(UPDATE) && <Button size="small" onClick={() => setEditing(c)}>{t('common.edit')}</Button>}
                {can(DELETE) && <Button size="small" danger onClick={() => setDeleting(c)}>{t('common.delete')}</Button>}
                <TestResult result={results[c.channelId]} />
              </Space>
            ) },
          ]}
        />
      </QueryState>
      {editing && <ChannelEditor open channel={editing === 'new' ? undefined : editing} readOnly={editing !== 'new' && !can(UPDATE)} onClose={() => setEditing(undefined)} onSaved={refresh} />}
      {deleting && (
        <ConfirmByName open name={deleting.name} title={t('alerts.channels.deleteTitle')} danger={t('alerts.channels.deleteWarning')} onClose={() => setDeleting(undefined)} onConfirm={async () => {
          await alertsApi.deleteChannel(deleting.channelId);
          await refresh();
        }} />
      )}
    </>
  );
}
