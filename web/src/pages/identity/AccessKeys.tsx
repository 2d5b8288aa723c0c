import { Alert, Button, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, seg } from '../../api/client.js';
import { useAction } from '../../api/useAction.js';
import type { AccessKey } from '../../api/types.js';
import { useCan } from '../../auth/session.js';
import { CopyButton } from '../../components/CopyButton.js';
import { QueryState } from '../../components/QueryState.js';
import { formatTime } from '../../components/time.js';

function LastUsed({ user, id }: { user: string; id: string }) {
  const { t, i18n } = useTranslation();
  const q = useQuery({ queryKey: ['ak-last-used', user, id], queryFn: () => api.get<{ AccessKeyLastUsed: { LastUsedDate?: string; ServiceName?: string } }>(`/ram/users/${seg(user)}/access-keys/${seg(id)}/last-used`) });
  const last = q.data?.AccessKeyLastUsed;
  if (q.isLoading) return null;
  return <>{last?.LastUsedDate ? `${formatTime(last.LastUsedDate, i18n.language)}${last.ServiceName ? ` · ${last.ServiceName}` : ''}` : t('accessKeys.never')}</>;
}

/** A user's AccessKeys: create (the secret is shown once), disable/enable, delete, last used. */
export function AccessKeys({ user }: { user: string }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [created, setCreated] = useState<AccessKey>();
  const base = `/ram/users/${seg(user)}/access-keys`;
  const q = useQuery({ queryKey: ['access-keys', user], queryFn: () => api.get<{ AccessKeys: { AccessKey: AccessKey[] } }>(base) });
  const { error, act } = useAction(() => qc.invalidateQueries({ queryKey: ['access-keys', user] }));
  return (
    <>
      {can('Ram:CreateAccessKey') && (
        <Button type="primary" style={{ marginBottom: 12 }} data-testid="create-access-key" onClick={() => void act(async () => setCreated((await api.post<{ AccessKey: AccessKey }>(base)).AccessKey))}>
          {t('accessKeys.create')}
        </Button>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <QueryState loading={q.isLoading} error={q.error} retry={() => void q.refetch()}>
        <Table<AccessKey>
          size="small"
          rowKey="AccessKeyId"
          pagination={false}
          dataSource={q.data?.AccessKeys.AccessKey ?? []}
          locale={{ emptyText: t('accessKeys.empty') }}
          columns={[
            { title: t('accessKeys.id'), dataIndex: 'AccessKeyId', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            { title: t('accessKeys.status'), dataIndex: 'Status', render: (v: string) => <Tag color={v === 'Active' ? 'green' : 'default'}>{t(`accessKeys.statuses.${v}`)}</Tag> },
            { title: t('common.created'), dataIndex: 'CreateDate', render: (v: string) => formatTime(v, i18n.language) },
            { title: t('accessKeys.lastUsed'), render: (_: unknown, k) => <LastUsed user={user} id={k.AccessKeyId} /> },
            {
              title: t('common.actions'),
              render: (_: unknown, k) => (
                <Space>
                  {can('Ram:UpdateAccessKey') && (
                    <Button size="small" onClick={() => void act(() => api.put(`${base}/${seg(k.AccessKeyId)}`, { Status: k.Status === 'Active' ? 'Inactive' : 'Active' }))}>
                      {k.Status === 'Active' ? t('common.disable') : t('common.enable')}
                    </Button>
                  )}
                  {can('Ram:DeleteAccessKey') && (
                    <Popconfirm title={t('accessKeys.deleteConfirm')} okText={t('common.delete')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={() => act(() => api.del(`${base}/${seg(k.AccessKeyId)}`))}>
                      <Button size="small" danger>{t('common.delete')}</Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </QueryState>
      <Modal open={!!created} title={t('accessKeys.createdTitle')} onCancel={() => setCreated(undefined)} onOk={() => setCreated(undefined)} okText={t('accessKeys.savedIt')} cancelButtonProps={{ style: { display: 'none' } }} closable={false} maskClosable={false} destroyOnHidden>
        <Alert type="warning" showIcon title={t('accessKeys.onceWarning')} style={{ marginBottom: 16 }} />
        <Typography.Paragraph>
          {t('accessKeys.id')}: <Typography.Text code data-testid="new-access-key-id">{created?.AccessKeyId}</Typography.Text>
        </Typography.Paragraph>
        <Typography.Paragraph>
          {t('accessKeys.secret')}: <Typography.Text code data-testid="new-access-key-secret">{created?.AccessKeySecret}</Typography.Text>
        </Typography.Paragraph>
        <CopyButton value={`BULWARK_ACCESS_KEY_ID=${created?.AccessKeyId ?? ''}\nBULWARK_ACCESS_KEY_SECRET=${created?.AccessKeySecret ?? ''}`} testId="copy-secret" />
      </Modal>
    </>
  );
}
