import { Button, Form, Input, Select, Table, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, seg } from '../../api/client.js';
import { useKmsPage } from '../../api/paging.js';
import type { KeyMetadata } from '../../api/types.js';
import { useCan } from '../../auth/session.js';
import { FormModal } from '../../components/FormModal.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryState } from '../../components/QueryState.js';
import { formatTime } from '../../components/time.js';
import { KeyDrawer } from './KeyDrawer.js';
import { KeyState } from './KeyState.js';

/** Key specs and the usages each allows (as KMS documents them). */
const SPECS: Record<string, string[]> = {
  Aliyun_AES_256: ['ENCRYPT/DECRYPT'],
  Aliyun_AES_192: ['ENCRYPT/DECRYPT'],
  Aliyun_AES_128: ['ENCRYPT/DECRYPT'],
  Aliyun_SM4: ['ENCRYPT/DECRYPT'],
  RSA_2048: ['ENCRYPT/DECRYPT', 'SIGN/VERIFY'],
  RSA_3072: ['ENCRYPT/DECRYPT', 'SIGN/VERIFY'],
  EC_P256: ['SIGN/VERIFY'],
  EC_P256K: ['SIGN/VERIFY'],
  EC_SM2: ['SIGN/VERIFY'],
};

function KeyRow({ keyId, field }: { keyId: string; field: 'state' | 'spec' | 'description' | 'created' }) {
  const { i18n } = useTranslation();
  const q = useQuery({ queryKey: ['key', keyId], queryFn: () => api.get<{ KeyMetadata: KeyMetadata }>(`/kms/keys/${seg(keyId)}`) });
  const k = q.data?.KeyMetadata;
  if (!k) return null;
  if (field === 'state') return <KeyState state={k.KeyState} />;
  if (field === 'spec') return <>{`${k.KeySpec} · ${k.KeyUsage}`}</>;
  if (field === 'created') return <>{formatTime(k.CreationDate, i18n.language)}</>;
  return <>{k.Description}</>;
}

/** KMS keys: list (paged on the server), create with spec and usage, and the key drawer. */
export function Keys() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const list = useKmsPage<{ KeyId: string; KeyArn: string }>('keys', '/kms/keys', 'Keys', 'Key');
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<string>();
  const create = can('Kms:CreateKey') && <Button type="primary" onClick={() => setCreating(true)} data-testid="create-key">{t('kms.createKey')}</Button>;
  return (
    <>
      <PageHeader title={t('kms.title')} description={t('kms.pageDescription')} actions={create} />
      <QueryState loading={list.isLoading} error={list.error} retry={() => void list.refetch()} empty={list.total === 0} emptyText={t('kms.empty')} emptyAction={create}>
        <Table
          rowKey="KeyId"
          dataSource={list.items}
          onRow={(k) => ({ onClick: () => setSelected(k.KeyId), style: { cursor: 'pointer' } })}
          pagination={{ current: list.page, pageSize: list.pageSize, total: list.total, onChange: list.setPage, showSizeChanger: false }}
          columns={[
            { title: t('kms.keyId'), dataIndex: 'KeyId', render: (v: string) => <Typography.Link data-testid={`key-${v}`}>{v}</Typography.Link> },
            { title: t('kms.state'), render: (_: unknown, k) => <KeyRow keyId={k.KeyId} field="state" /> },
            { title: t('kms.spec'), render: (_: unknown, k) => <KeyRow keyId={k.KeyId} field="spec" /> },
            { title: t('kms.description'), render: (_: unknown, k) => <KeyRow keyId={k.KeyId} field="description" /> },
            { title: t('common.created'), render: (_: unknown, k) => <KeyRow keyId={k.KeyId} field="created" /> },
          ]}
        />
      </QueryState>
      <FormModal<{ KeySpec: string; KeyUsage: string; Description?: string }> open={creating} title={t('kms.createKey')} okText={t('common.create')} initialValues={{ KeySpec: 'Aliyun_AES_256', KeyUsage: 'ENCRYPT/DECRYPT' }} onClose={() => setCreating(false)} testId="create-key-modal" onSubmit={async (v) => {
        const r = await api.post<{ KeyMetadata: KeyMetadata }>('/kms/keys', { ...v, Description: v.Description || undefined });
        await qc.invalidateQueries({ queryKey: ['keys'] });
        setSelected(r.KeyMetadata.KeyId);
      }}>
        {(form) => (
          <>
            <Form.Item name="KeySpec" label={t('kms.spec')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select options={Object.keys(SPECS).map((s) => ({ value: s, label: s }))} onChange={(s: string) => form.setFieldValue('KeyUsage', SPECS[s]![0])} data-testid="key-spec" />
            </Form.Item>
            <Form.Item noStyle dependencies={['KeySpec']}>
              {({ getFieldValue }) => (
                <Form.Item name="KeyUsage" label={t('kms.usage')} rules={[{ required: true, message: t('validation.required') }]}>
                  <Select options={(SPECS[getFieldValue('KeySpec') as string] ?? []).map((u) => ({ value: u, label: t(`kms.usages.${u.replace('/', '_')}`) }))} />
                </Form.Item>
              )}
            </Form.Item>
            <Form.Item name="Description" label={t('kms.description')} rules={[{ max: 8192, message: t('validation.maxLength', { n: 8192 }) }]}>
              <Input data-testid="key-description" />
            </Form.Item>
          </>
        )}
      </FormModal>
      <KeyDrawer keyId={selected} onClose={() => setSelected(undefined)} />
    </>
  );
}
