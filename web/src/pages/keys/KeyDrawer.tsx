import { Alert, Button, Descriptions, Drawer, Form, Input, InputNumber, Popconfirm, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, seg } from '../../api/client.js';
import { useAction } from '../../api/useAction.js';
import type { KeyMetadata } from '../../api/types.js';
import { useCan } from '../../auth/session.js';
import { FormModal } from '../../components/FormModal.js';
import { QueryState } from '../../components/QueryState.js';
import { formatTime } from '../../components/time.js';
import { KeyState } from './KeyState.js';

export const ALIAS_RULE = /^alias\/[A-Za-z0-9:/_-]{1,249}$/;

interface Alias {
  AliasName: string;
  KeyId: string;
}

function Aliases({ keyId }: { keyId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const q = useQuery({ queryKey: ['key-aliases', keyId], queryFn: () => api.get<{ Aliases: { Alias: Alias[] } }>(`/kms/keys/${seg(keyId)}/aliases`, { PageSize: 100 }) });
  const refresh = () => qc.invalidateQueries({ queryKey: ['key-aliases', keyId] });
  return (
    <>
      {can('Kms:CreateAlias') && <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setOpen(true)} data-testid="create-alias">{t('kms.createAlias')}</Button>}
      <QueryState loading={q.isLoading} error={q.error}>
        <Table<Alias> size="small" rowKey="AliasName" pagination={false} dataSource={q.data?.Aliases.Alias ?? []} locale={{ emptyText: t('kms.noAliases') }} columns={[
          { title: t('kms.alias'), dataIndex: 'AliasName', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          { title: t('common.actions'), render: (_: unknown, a) => can('Kms:DeleteAlias') && (
            <Popconfirm title={t('kms.deleteAliasConfirm', { alias: a.AliasName })} okText={t('common.delete')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={async () => {
              await api.del('/kms/aliases', { AliasName: a.AliasName });
              await refresh();
            }}>
              <Button size="small" danger>{t('common.delete')}</Button>
            </Popconfirm>
          ) },
        ]} />
      </QueryState>
      <FormModal<{ AliasName: string }> open={open} title={t('kms.createAlias')} okText={t('common.create')} initialValues={{ AliasName: 'alias/' }} onClose={() => setOpen(false)} onSubmit={async (v) => {
        await api.post('/kms/aliases', { AliasName: v.AliasName, KeyId: keyId });
        await refresh();
      }}>
        <Form.Item name="AliasName" label={t('kms.alias')} extra={t('kms.aliasHelp')} rules={[{ required: true, message: t('validation.required') }, { pattern: ALIAS_RULE, message: t('validation.alias') }]}>
          <Input data-testid="alias-input" />
        </Form.Item>
      </FormModal>
    </>
  );
}

function Versions({ keyId, symmetric }: { keyId: string; symmetric: boolean }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const { error, act } = useAction(async () => {
    await qc.invalidateQueries({ queryKey: ['key-versions', keyId] });
    await qc.invalidateQueries({ queryKey: ['key', keyId] });
  });
  const q = useQuery({ queryKey: ['key-versions', keyId], queryFn: () => api.get<{ KeyVersions: { KeyVersion: Array<{ KeyVersionId: string; CreationDate: string }> } }>(`/kms/keys/${seg(keyId)}/versions`, { PageSize: 100 }) });
  return (
    <>
      {symmetric && can('Kms:CreateKeyVersion') && (
        <Button style={{ marginBottom: 12 }} onClick={() => void act(() => api.post(`/kms/keys/${seg(keyId)}/versions`))}>{t('kms.rotateNow')}</Button>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <QueryState loading={q.isLoading} error={q.error}>
        <Table size="small" rowKey="KeyVersionId" pagination={false} dataSource={q.data?.KeyVersions.KeyVersion ?? []} columns={[
          { title: t('kms.versionId'), dataIndex: 'KeyVersionId', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          { title: t('common.created'), dataIndex: 'CreationDate', render: (v: string) => formatTime(v, i18n.language) },
        ]} />
      </QueryState>
    </>
  );
}

/** One KMS key: state changes, rotation policy, deletion schedule, aliases, versions. */
export function KeyDrawer({ keyId, onClose }: { keyId: string | undefined; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [rotation, setRotation] = useState(false);
  const [deletion, setDeletion] = useState(false);
  const q = useQuery({ queryKey: ['key', keyId], queryFn: () => api.get<{ KeyMetadata: KeyMetadata }>(`/kms/keys/${seg(keyId!)}`), enabled: !!keyId });
  const refresh = () => qc.invalidateQueries({ queryKey: ['key', keyId] });
  const { error, act } = useAction(refresh);
  if (!keyId) return null;
  const key = q.data?.KeyMetadata;
  const symmetric = key?.KeySpec.startsWith('Aliyun_') ?? false;
  return (
    <Drawer open size={760} title={keyId} onClose={onClose} destroyOnHidden>
      <QueryState loading={q.isLoading} error={q.error}>
        {key && (
          <>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="key-error" />}
            <Space style={{ marginBottom: 12 }} wrap>
              {key.KeyState === 'Enabled' && can('Kms:DisableKey') && <Button onClick={() => void act(() => api.post(`/kms/keys/${seg(keyId)}/disable`))} data-testid="disable-key">{t('common.disable')}</Button>}
              {key.KeyState === 'Disabled' && can('Kms:EnableKey') && <Button onClick={() => void act(() => api.post(`/kms/keys/${seg(keyId)}/enable`))} data-testid="enable-key">{t('common.enable')}</Button>}
              {symmetric && can('Kms:UpdateRotationPolicy') && key.KeyState !== 'PendingDeletion' && <Button onClick={() => setRotation(true)}>{t('kms.rotationPolicy')}</Button>}
              {key.KeyState !== 'PendingDeletion' && can('Kms:ScheduleKeyDeletion') && <Button danger onClick={() => setDeletion(true)}>{t('kms.scheduleDeletion')}</Button>}
              {key.KeyState === 'PendingDeletion' && can('Kms:CancelKeyDeletion') && (
                <Popconfirm title={t('kms.cancelDeletionConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => act(() => api.del(`/kms/keys/${seg(keyId)}/deletion`))}>
                  <Button>{t('kms.cancelDeletion')}</Button>
                </Popconfirm>
              )}
            </Space>
            <Tabs items={[
              { key: 'details', label: t('users.tabs.details'), children: (
                <Descriptions column={1} size="small" bordered items={[
                  { key: 'state', label: t('kms.state'), children: <KeyState state={key.KeyState} /> },
                  { key: 'arn', label: t('kms.arn'), children: <Typography.Text code copyable>{key.Arn}</Typography.Text> },
                  { key: 'spec', label: t('kms.spec'), children: key.KeySpec },
                  { key: 'usage', label: t('kms.usage'), children: key.KeyUsage },
                  { key: 'protection', label: t('kms.protection'), children: key.ProtectionLevel },
                  { key: 'desc', label: t('kms.description'), children: key.Description },
                  { key: 'rotation', label: t('kms.automaticRotation'), children: key.AutomaticRotation === 'Enabled' ? <Tag color="green">{t('kms.rotationEvery', { interval: key.RotationInterval })}</Tag> : <Tag>{t('kms.rotationOff')}</Tag> },
                  { key: 'primary', label: t('kms.primaryVersion'), children: key.PrimaryKeyVersion },
                  { key: 'created', label: t('common.created'), children: formatTime(key.CreationDate, i18n.language) },
                  ...(key.DeleteDate ? [{ key: 'delete', label: t('kms.deleteDate'), children: formatTime(key.DeleteDate, i18n.language) }] : []),
                ]} />
              ) },
              { key: 'aliases', label: t('kms.aliases'), children: <Aliases keyId={keyId} /> },
              { key: 'versions', label: t('kms.versions'), children: <Versions keyId={keyId} symmetric={symmetric} /> },
            ]} />
            <FormModal<{ EnableAutomaticRotation: boolean; days?: number }> open={rotation} title={t('kms.rotationPolicy')} initialValues={{ EnableAutomaticRotation: key.AutomaticRotation === 'Enabled', days: key.RotationInterval ? Math.round(Number(key.RotationInterval.replace(/s$/, '')) / 86400) : 365 }} onClose={() => setRotation(false)} onSubmit={async (v) => {
              await api.put(`/kms/keys/${seg(keyId)}/rotation`, { EnableAutomaticRotation: v.EnableAutomaticRotation, ...(v.EnableAutomaticRotation ? { RotationInterval: `${(v.days ?? 365) * 86400}s` } : {}) });
              await refresh();
            }}>
              <Form.Item name="EnableAutomaticRotation" label={t('kms.automaticRotation')} valuePropName="checked"><Switch /></Form.Item>
              <Form.Item name="days" label={t('kms.rotationDays')} rules={[{ type: 'number', min: 7, max: 365, message: t('validation.range', { min: 7, max: 365 }) }]}><InputNumber min={7} max={365} suffix={t('kms.days')} /></Form.Item>
            </FormModal>
            <FormModal<{ PendingWindowInDays: number }> open={deletion} title={t('kms.scheduleDeletion')} okText={t('kms.scheduleDeletion')} initialValues={{ PendingWindowInDays: 30 }} onClose={() => setDeletion(false)} onSubmit={async (v) => {
              await api.post(`/kms/keys/${seg(keyId)}/deletion`, v);
              await refresh();
            }}>
              <Alert type="warning" showIcon title={t('kms.deletionWarning')} style={{ marginBottom: 16 }} />
              <Form.Item name="PendingWindowInDays" label={t('kms.pendingWindow')} rules={[{ required: true, message: t('validation.required') }, { type: 'number', min: 7, max: 366, message: t('validation.range', { min: 7, max: 366 }) }]}>
                <Select options={[7, 14, 30].map((d) => ({ value: d, label: t('kms.daysN', { n: d }) }))} />
              </Form.Item>
            </FormModal>
          </>
        )}
      </QueryState>
    </Drawer>
  );
}
