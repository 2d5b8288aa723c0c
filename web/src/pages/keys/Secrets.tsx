import { Alert, Button, Descriptions, Drawer, Form, Input, Modal, Popconfirm, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, seg } from '../../api/client.js';
import { errorText } from '../../api/errors.js';
import { useKmsPage } from '../../api/paging.js';
import { useCan } from '../../auth/session.js';
import { CopyButton } from '../../components/CopyButton.js';
import { FormModal } from '../../components/FormModal.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryState } from '../../components/QueryState.js';
import { formatTime } from '../../components/time.js';

interface Secret {
  SecretName: string;
  SecretType: string;
  CreateTime: string;
  UpdateTime: string;
  PlannedDeleteTime?: string;
  Description?: string;
  EncryptionKeyId?: string;
  Arn?: string;
}
interface Version {
  VersionId: string;
  CreateTime: string;
  VersionStages: { VersionStage: string[] };
}

const SECRET_NAME = /^[A-Za-z0-9_/+=.@-]{1,192}$/;
const VERSION_ID = /^[A-Za-z0-9_.-]{1,64}$/;

function Reveal({ name, version }: { name: string; version: string }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [value, setValue] = useState<string>();
  const [error, setError] = useState<string>();
  return (
    <>
      <Button size="small" onClick={() => setConfirming(true)} data-testid={`reveal-${version}`}>{t('secrets.reveal')}</Button>
      <Modal open={confirming} title={t('secrets.revealTitle', { name })} okText={t('secrets.reveal')} cancelText={t('common.cancel')} onCancel={() => {
        setConfirming(false);
        setValue(undefined);
        setError(undefined);
      }} onOk={async () => {
        if (value !== undefined) {
          setConfirming(false);
          setValue(undefined);
          return;
        }
        try {
          setValue((await api.post<{ SecretData: string }>(`/kms/secrets/${seg(name)}/value`, { VersionId: version })).SecretData);
        } catch (e) {
          setError(errorText(t, e));
        }
      }} destroyOnHidden>
        {value === undefined ? <Alert type="warning" showIcon title={t('secrets.revealWarning')} /> : (
          <>
            <Typography.Paragraph><Typography.Text code data-testid="secret-value">{value}</Typography.Text></Typography.Paragraph>
            <CopyButton value={value} />
          </>
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      </Modal>
    </>
  );
}

function SecretDrawer({ name, onClose }: { name: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [putting, setPutting] = useState(false);
  const [moving, setMoving] = useState(false);
  const [error, setError] = useState<string>();
  const d = useQuery({ queryKey: ['secret', name], queryFn: () => api.get<Secret>(`/kms/secrets/${seg(name)}`) });
  const v = useQuery({ queryKey: ['secret-versions', name], queryFn: () => api.get<{ VersionIds: { VersionId: Version[] } }>(`/kms/secrets/${seg(name)}/versions`, { IncludeDeprecated: true, PageSize: 100 }) });
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['secret', name] });
    await qc.invalidateQueries({ queryKey: ['secret-versions', name] });
  };
  const versions = v.data?.VersionIds.VersionId ?? [];
  const s = d.data;
  return (
    <Drawer open size={760} title={name} onClose={onClose} destroyOnHidden extra={
      <Space>
        {s?.PlannedDeleteTime && can('Kms:RestoreSecret') && <Button onClick={async () => {
          await api.post(`/kms/secrets/${seg(name)}/restore`).catch((e: unknown) => setError(errorText(t, e)));
          await refresh();
        }}>{t('secrets.restore')}</Button>}
        {!s?.PlannedDeleteTime && can('Kms:DeleteSecret') && (
          <Popconfirm title={t('secrets.deleteConfirm')} okText={t('common.delete')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={async () => {
            await api.del(`/kms/secrets/${seg(name)}`, { RecoveryWindowInDays: 30 }).catch((e: unknown) => setError(errorText(t, e)));
            await refresh();
            await qc.invalidateQueries({ queryKey: ['secrets'] });
          }}>
            <Button danger>{t('secrets.scheduleDelete')}</Button>
          </Popconfirm>
        )}
      </Space>
    }>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <QueryState loading={d.isLoading} error={d.error}>
        {s && (
          <Tabs items={[
            { key: 'details', label: t('users.tabs.details'), children: (
              <Descriptions column={1} size="small" bordered items={[
                { key: 'arn', label: t('kms.arn'), children: <Typography.Text code copyable>{s.Arn}</Typography.Text> },
                { key: 'type', label: t('secrets.type'), children: s.SecretType },
                { key: 'key', label: t('secrets.encryptionKey'), children: s.EncryptionKeyId },
                { key: 'desc', label: t('kms.description'), children: s.Description },
                { key: 'created', label: t('common.created'), children: formatTime(s.CreateTime, i18n.language) },
                ...(s.PlannedDeleteTime ? [{ key: 'delete', label: t('secrets.plannedDelete'), children: formatTime(s.PlannedDeleteTime, i18n.language) }] : []),
              ]} />
            ) },
            { key: 'versions', label: t('secrets.versions'), children: (
              <>
                <Space style={{ marginBottom: 12 }}>
                  {can('Kms:PutSecretValue') && <Button type="primary" onClick={() => setPutting(true)}>{t('secrets.newVersion')}</Button>}
                  {can('Kms:UpdateSecretVersionStage') && versions.length > 1 && <Button onClick={() => setMoving(true)}>{t('secrets.moveStage')}</Button>}
                </Space>
                <QueryState loading={v.isLoading} error={v.error}>
                  <Table<Version> size="small" rowKey="VersionId" pagination={false} dataSource={versions} columns={[
                    { title: t('secrets.versionId'), dataIndex: 'VersionId' },
                    { title: t('secrets.stages'), render: (_: unknown, r) => r.VersionStages.VersionStage.map((st) => <Tag key={st} color={st === 'ACSCurrent' ? 'green' : 'default'}>{st}</Tag>) },
                    { title: t('common.created'), dataIndex: 'CreateTime', render: (x: string) => formatTime(x, i18n.language) },
                    { title: t('common.actions'), render: (_: unknown, r) => can('Kms:GetSecretValue') && <Reveal name={name} version={r.VersionId} /> },
                  ]} />
                </QueryState>
              </>
            ) },
          ]} />
        )}
      </QueryState>
      <FormModal<{ VersionId: string; SecretData: string }> open={putting} title={t('secrets.newVersion')} onClose={() => setPutting(false)} onSubmit={async (x) => {
        await api.post(`/kms/secrets/${seg(name)}/versions`, { ...x, SecretDataType: 'text' });
        await refresh();
      }}>
        <Form.Item name="VersionId" label={t('secrets.versionId')} rules={[{ required: true, message: t('validation.required') }, { pattern: VERSION_ID, message: t('validation.versionId') }]}><Input /></Form.Item>
        <Form.Item name="SecretData" label={t('secrets.value')} rules={[{ required: true, message: t('validation.required') }]}><Input.Password autoComplete="off" /></Form.Item>
      </FormModal>
      <FormModal<{ VersionStage: string; MoveToVersion: string }> open={moving} title={t('secrets.moveStage')} initialValues={{ VersionStage: 'ACSCurrent' }} onClose={() => setMoving(false)} onSubmit={async (x) => {
        const from = versions.find((r) => r.VersionStages.VersionStage.includes(x.VersionStage));
        await api.put(`/kms/secrets/${seg(name)}/stages`, { ...x, ...(from ? { RemoveFromVersion: from.VersionId } : {}) });
        await refresh();
      }}>
        <Form.Item name="VersionStage" label={t('secrets.stage')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={['ACSCurrent', 'ACSPrevious'].map((x) => ({ value: x, label: x }))} />
        </Form.Item>
        <Form.Item name="MoveToVersion" label={t('secrets.toVersion')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={versions.map((r) => ({ value: r.VersionId, label: r.VersionId }))} />
        </Form.Item>
      </FormModal>
    </Drawer>
  );
}

/** KMS secrets: list, create, versions and stages, reveal a value behind a confirmation. */
export function Secrets() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const list = useKmsPage<Secret>('secrets', '/kms/secrets', 'SecretList', 'Secret');
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<string>();
  const create = can('Kms:CreateSecret') && <Button type="primary" onClick={() => setCreating(true)} data-testid="create-secret">{t('secrets.create')}</Button>;
  return (
    <>
      <PageHeader title={t('secrets.title')} description={t('secrets.description')} actions={create} />
      <QueryState loading={list.isLoading} error={list.error} retry={() => void list.refetch()} empty={list.total === 0} emptyText={t('secrets.empty')} emptyAction={create}>
        <Table<Secret> rowKey="SecretName" dataSource={list.items} onRow={(s) => ({ onClick: () => setSelected(s.SecretName), style: { cursor: 'pointer' } })} pagination={{ current: list.page, pageSize: list.pageSize, total: list.total, onChange: list.setPage, showSizeChanger: false }} columns={[
          { title: t('secrets.name'), dataIndex: 'SecretName', render: (v: string) => <a data-testid={`secret-${v}`}>{v}</a> },
          { title: t('secrets.type'), dataIndex: 'SecretType' },
          { title: t('common.updated'), dataIndex: 'UpdateTime', render: (v: string) => formatTime(v, i18n.language) },
          { title: t('kms.state'), render: (_: unknown, s) => (s.PlannedDeleteTime ? <Tag color="orange">{t('secrets.pendingDeletion')}</Tag> : <Tag color="green">{t('secrets.active')}</Tag>) },
        ]} />
      </QueryState>
      <FormModal<{ SecretName: string; VersionId: string; SecretData: string; EncryptionKeyId?: string; Description?: string }> open={creating} title={t('secrets.create')} okText={t('common.create')} initialValues={{ VersionId: 'v1' }} onClose={() => setCreating(false)} onSubmit={async (v) => {
        await api.post('/kms/secrets', { ...v, SecretDataType: 'text', EncryptionKeyId: v.EncryptionKeyId || undefined, Description: v.Description || undefined });
        await qc.invalidateQueries({ queryKey: ['secrets'] });
      }}>
        <Form.Item name="SecretName" label={t('secrets.name')} rules={[{ required: true, message: t('validation.required') }, { pattern: SECRET_NAME, message: t('validation.secretName') }]}><Input /></Form.Item>
        <Form.Item name="VersionId" label={t('secrets.versionId')} rules={[{ required: true, message: t('validation.required') }, { pattern: VERSION_ID, message: t('validation.versionId') }]}><Input /></Form.Item>
        <Form.Item name="SecretData" label={t('secrets.value')} rules={[{ required: true, message: t('validation.required') }]}><Input.Password autoComplete="off" /></Form.Item>
        <Form.Item name="EncryptionKeyId" label={t('secrets.encryptionKey')} extra={t('secrets.encryptionKeyHelp')}><Input /></Form.Item>
        <Form.Item name="Description" label={t('kms.description')}><Input /></Form.Item>
      </FormModal>
      {selected && <SecretDrawer name={selected} onClose={() => setSelected(undefined)} />}
    </>
  );
}
