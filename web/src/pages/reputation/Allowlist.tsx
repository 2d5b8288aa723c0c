import { Alert, App, Button, Form, Input, Popconfirm, Space, Table, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, showFieldError } from '../../api/errors.js';
import { useCan } from '../../auth/session.js';
import { QueryState } from '../../components/QueryState.js';
import { ALLOWLIST_KEY, DECISIONS_KEY, REPUTATION_WRITES, reputationApi, useAllowlist, type AllowlistEntry } from './api.js';
import { isTarget } from './decision-form.js';

/** Addresses and ranges that are never banned; adding one lifts its bans. */
export function Allowlist() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const qc = useQueryClient();
  const q = useAllowlist();
  const [form] = Form.useForm<{ ip: string; comment: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const writable = can(REPUTATION_WRITES.allowlist);
  const rows = q.data?.allowlist ?? [];
  const add = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setBusy(true);
    setError(undefined);
    try {
      await reputationApi.allow(v.ip.trim(), v.comment?.trim() ?? '');
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ALLOWLIST_KEY });
      await qc.invalidateQueries({ queryKey: DECISIONS_KEY });
      void message.success(t('reputation.allowlist.added', { target: v.ip.trim() }));
    } catch (e) {
      if (!showFieldError(form, t, e)) setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Typography.Paragraph type="secondary">{t('reputation.allowlist.intro')}</Typography.Paragraph>
      {writable && (
        <Form form={form} layout="inline" style={{ marginBottom: 16 }} onFinish={() => void add()}>
          <Form.Item name="ip" rules={[{ required: true, message: t('validation.required') }, { validator: async (_, v: string) => { if (v && !isTarget(v)) throw new Error(t('reputation.ban.invalidIp')); } }]}>
            <Input placeholder={t('reputation.allowlist.ip')} style={{ width: 240 }} data-testid="allow-ip" />
          </Form.Item>
          <Form.Item name="comment" rules={[{ max: 256, message: t('validation.maxLength', { n: 256 }) }]}>
            <Input placeholder={t('reputation.allowlist.comment')} style={{ width: 280 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="allow-add">{t('reputation.allowlist.add')}</Button>
        </Form>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <QueryState loading={q.isLoading} error={q.error} retry={() => void q.refetch()} empty={rows.length === 0} emptyText={t('reputation.allowlist.empty')}>
        <Table<AllowlistEntry>
          size="small"
          rowKey="value"
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('reputation.allowlist.ip'), dataIndex: 'value', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            { title: t('reputation.allowlist.comment'), dataIndex: 'comment' },
            ...(writable
              ? [{
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, a: AllowlistEntry) => (
                    <Space>
                      <Popconfirm title={t('reputation.allowlist.removeConfirm', { target: a.value })} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={async () => {
                        await reputationApi.disallow(a.value).catch((e: unknown) => void message.error(errorText(t, e)));
                        await qc.invalidateQueries({ queryKey: ALLOWLIST_KEY });
                      }}>
                        <Button size="small" danger>{t('reputation.allowlist.remove')}</Button>
                      </Popconfirm>
                    </Space>
                  ),
                }]
              : []),
          ]}
        />
      </QueryState>
    </>
  );
}
