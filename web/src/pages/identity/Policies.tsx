import { Button, Checkbox, Drawer, Form, Input, Popconfirm, Segmented, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, seg } from '../../api/client.js';
import { useAction } from '../../api/useAction.js';
import type { Policy, PolicyVersion } from '../../api/types.js';
import { useCan } from '../../auth/session.js';
import { ConfirmByName } from '../../components/ConfirmByName.js';
import { FormModal } from '../../components/FormModal.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PolicyEditor, policyRule, prettyJson } from '../../components/PolicyEditor.js';
import { QueryState } from '../../components/QueryState.js';
import { formatTime } from '../../components/time.js';

const POLICY_NAME = /^[A-Za-z0-9-]{1,128}$/;
const TEMPLATE = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: ['ram:Get*', 'ram:List*'], Resource: '*' }] }, null, 2);

function Versions({ policy }: { policy: Policy }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<string>();
  const base = `/ram/policies/${policy.PolicyType}/${seg(policy.PolicyName)}/versions`;
  const q = useQuery({ queryKey: ['policy-versions', policy.PolicyType, policy.PolicyName], queryFn: () => api.get<{ PolicyVersions: { PolicyVersion: PolicyVersion[] } }>(base) });
  const refresh = () => qc.invalidateQueries({ queryKey: ['policy-versions', policy.PolicyType, policy.PolicyName] });
  const { error, act } = useAction(refresh);
  const custom = policy.PolicyType === 'Custom';
  const versions = q.data?.PolicyVersions.PolicyVersion ?? [];
  const current = versions.find((v) => v.VersionId === shown) ?? versions.find((v) => v.IsDefaultVersion);
  return (
    <QueryState loading={q.isLoading} error={q.error}>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {custom && can('Ram:CreatePolicyVersion') && <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setCreating(true)}>{t('policies.newVersion')}</Button>}
      <Table<PolicyVersion> size="small" rowKey="VersionId" pagination={false} dataSource={versions} columns={[
        { title: t('policies.version'), dataIndex: 'VersionId', render: (v: string, r) => <Space>{v}{r.IsDefaultVersion && <Tag color="blue">{t('policies.default')}</Tag>}</Space> },
        { title: t('common.created'), dataIndex: 'CreateDate', render: (v: string) => formatTime(v, i18n.language) },
        { title: t('common.actions'), render: (_: unknown, r) => (
          <Space>
            <Button size="small" onClick={() => setShown(r.VersionId)}>{t('policies.view')}</Button>
            {custom && !r.IsDefaultVersion && can('Ram:SetDefaultPolicyVersion') && <Button size="small" onClick={() => void act(() => api.post(`${base}/${r.VersionId}/default`))}>{t('policies.setDefault')}</Button>}
            {custom && !r.IsDefaultVersion && can('Ram:DeletePolicyVersion') && (
              <Popconfirm title={t('policies.deleteVersionConfirm', { version: r.VersionId })} okText={t('common.delete')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={() => act(() => api.del(`${base}/${r.VersionId}`))}>
                <Button size="small" danger>{t('common.delete')}</Button>
              </Popconfirm>
            )}
          </Space>
        ) },
      ]} />
      {current && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('policies.documentOf', { version: current.VersionId })}</Typography.Title>
          <PolicyEditor value={prettyJson(current.PolicyDocument)} readOnly rows={12} />
        </>
      )}
      <FormModal<{ PolicyDocument: string; SetAsDefault: boolean }> open={creating} width={760} title={t('policies.newVersion')} documentField="PolicyDocument" initialValues={{ PolicyDocument: prettyJson(current?.PolicyDocument), SetAsDefault: true }} onClose={() => setCreating(false)} onSubmit={async (v) => {
        await api.post(base, { PolicyDocument: v.PolicyDocument, SetAsDefault: v.SetAsDefault, RotateStrategy: 'DeleteOldestNonDefaultVersionWhenLimitExceeded' });
        await refresh();
      }}>
        <Form.Item name="PolicyDocument" label={t('policies.document')} rules={[{ required: true, message: t('validation.required') }, policyRule('identity')]} validateTrigger="onSubmit"><PolicyEditor /></Form.Item>
        <Form.Item name="SetAsDefault" valuePropName="checked"><Checkbox>{t('policies.setAsDefault')}</Checkbox></Form.Item>
      </FormModal>
    </QueryState>
  );
}

interface Entities {
  Users: { User: Array<{ UserName: string; AttachDate?: string }> };
  Groups: { Group: Array<{ GroupName: string; AttachDate?: string }> };
  Roles: { Role: Array<{ RoleName: string; AttachDate?: string }> };
}

function WhoHasIt({ policy }: { policy: Policy }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['policy-entities', policy.PolicyType, policy.PolicyName], queryFn: () => api.get<Entities>(`/ram/policies/${policy.PolicyType}/${seg(policy.PolicyName)}/entities`) });
  const rows = [
    ...(q.data?.Users.User ?? []).map((u) => ({ kind: t('policies.principal.user'), name: u.UserName })),
    ...(q.data?.Groups.Group ?? []).map((g) => ({ kind: t('policies.principal.group'), name: g.GroupName })),
    ...(q.data?.Roles.Role ?? []).map((r) => ({ kind: t('policies.principal.role'), name: r.RoleName })),
  ];
  return (
    <QueryState loading={q.isLoading} error={q.error}>
      <Table size="small" rowKey={(r) => `${r.kind}:${r.name}`} pagination={false} dataSource={rows} locale={{ emptyText: t('policies.nobody') }} columns={[
        { title: t('policies.principalType'), dataIndex: 'kind' },
        { title: t('policies.principalName'), dataIndex: 'name' },
      ]} />
    </QueryState>
  );
}

/** RAM policies: system and custom, JSON editor validated by the engine, versions, who has it. */
export function Policies() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [type, setType] = useState<'All' | 'System' | 'Custom'>('All');
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<Policy>();
  const [deleting, setDeleting] = useState(false);
  const q = useQuery({ queryKey: ['policies', type], queryFn: () => api.get<{ Policies: { Policy: Policy[] } }>('/ram/policies', { MaxItems: 100, PolicyType: type === 'All' ? undefined : type }) });
  const items = (q.data?.Policies.Policy ?? []).filter((p) => p.PolicyName.toLowerCase().includes(search.toLowerCase()));
  const create = can('Ram:CreatePolicy') && <Button type="primary" onClick={() => setCreating(true)} data-testid="create-policy">{t('policies.create')}</Button>;
  return (
    <>
      <PageHeader title={t('policies.title')} description={t('policies.pageDescription')} actions={create} />
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented value={type} onChange={(v) => setType(v as typeof type)} options={[{ value: 'All', label: t('policies.types.All') }, { value: 'System', label: t('policies.types.System') }, { value: 'Custom', label: t('policies.types.Custom') }]} />
        <Input.Search allowClear placeholder={t('policies.search')} onChange={(e) => setSearch(e.target.value)} style={{ width: 240 }} />
      </Space>
      <QueryState loading={q.isLoading} error={q.error} retry={() => void q.refetch()} empty={items.length === 0} emptyText={type === 'Custom' ? t('policies.emptyCustom') : t('common.empty')} emptyAction={type === 'Custom' ? create : undefined}>
        <Table<Policy> rowKey={(p) => `${p.PolicyType}:${p.PolicyName}`} dataSource={items} pagination={{ pageSize: 20, showSizeChanger: false }} onRow={(p) => ({ onClick: () => setSelected(p), style: { cursor: 'pointer' } })} columns={[
          { title: t('policies.name'), dataIndex: 'PolicyName', render: (v: string) => <a data-testid={`policy-${v}`}>{v}</a> },
          { title: t('policies.type'), dataIndex: 'PolicyType', render: (v: string) => <Tag color={v === 'System' ? 'default' : 'blue'}>{t(`policies.types.${v}`)}</Tag> },
          { title: t('policies.description'), dataIndex: 'Description', ellipsis: true },
          { title: t('policies.attachments'), dataIndex: 'AttachmentCount' },
          { title: t('common.updated'), dataIndex: 'UpdateDate', render: (v: string) => formatTime(v, i18n.language) },
        ]} />
      </QueryState>
      <FormModal<{ PolicyName: string; Description?: string; PolicyDocument: string }> open={creating} width={760} title={t('policies.create')} okText={t('common.create')} documentField="PolicyDocument" initialValues={{ PolicyDocument: TEMPLATE }} onClose={() => setCreating(false)} testId="create-policy-modal" onSubmit={async (v) => {
        await api.post('/ram/policies', { ...v, Description: v.Description || undefined });
        await qc.invalidateQueries({ queryKey: ['policies'] });
      }}>
        <Form.Item name="PolicyName" label={t('policies.name')} rules={[{ required: true, message: t('validation.required') }, { pattern: POLICY_NAME, message: t('validation.policyName') }]}><Input data-testid="policy-name-input" /></Form.Item>
        <Form.Item name="Description" label={t('policies.description')}><Input /></Form.Item>
        <Form.Item name="PolicyDocument" label={t('policies.document')} rules={[{ required: true, message: t('validation.required') }, policyRule('identity')]} validateTrigger="onSubmit"><PolicyEditor /></Form.Item>
      </FormModal>
      {selected && (
        <Drawer open size={800} title={selected.PolicyName} onClose={() => setSelected(undefined)} destroyOnHidden extra={selected.PolicyType === 'Custom' && can('Ram:DeletePolicy') && <Button danger onClick={() => setDeleting(true)}>{t('common.delete')}</Button>}>
          <Typography.Paragraph type="secondary">{selected.Description}</Typography.Paragraph>
          <Tabs items={[
            { key: 'versions', label: t('policies.versions'), children: <Versions policy={selected} /> },
            { key: 'who', label: t('policies.whoHasIt'), children: <WhoHasIt policy={selected} /> },
          ]} />
          <ConfirmByName open={deleting} name={selected.PolicyName} title={t('policies.deleteTitle')} danger={t('policies.deleteWarning')} onClose={() => setDeleting(false)} onConfirm={async () => {
            await api.del(`/ram/policies/Custom/${seg(selected.PolicyName)}`, { CascadingDelete: true });
            await qc.invalidateQueries({ queryKey: ['policies'] });
            setSelected(undefined);
          }} />
        </Drawer>
      )}
    </>
  );
}
