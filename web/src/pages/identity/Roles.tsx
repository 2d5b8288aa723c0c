import { Button, Descriptions, Drawer, Form, Input, InputNumber, Table, Tabs, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, seg } from '../../api/client.js';
import { useRamPage } from '../../api/paging.js';
import type { Role } from '../../api/types.js';
import { useCan } from '../../auth/session.js';
import { ConfirmByName } from '../../components/ConfirmByName.js';
import { FormModal } from '../../components/FormModal.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Pager } from '../../components/Pager.js';
import { PolicyEditor, policyRule, prettyJson } from '../../components/PolicyEditor.js';
import { QueryState } from '../../components/QueryState.js';
import { formatTime } from '../../components/time.js';
import { AttachedPolicies } from './AttachedPolicies.js';

const ROLE_NAME = /^[A-Za-z0-9.-]{1,64}$/;

function trustTemplate(accountId: string): string {
  return JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${accountId}:root`] } }] }, null, 2);
}

function RoleDetails({ name }: { name: string }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const q = useQuery({ queryKey: ['role', name], queryFn: () => api.get<{ Role: Role }>(`/ram/roles/${seg(name)}`) });
  const role = q.data?.Role;
  return (
    <QueryState loading={q.isLoading} error={q.error}>
      {role && (
        <>
          <Descriptions column={1} size="small" bordered items={[
            { key: 'arn', label: t('roles.arn'), children: <Typography.Text code copyable>{role.Arn}</Typography.Text> },
            { key: 'desc', label: t('roles.description'), children: role.Description },
            { key: 'max', label: t('roles.maxSession'), children: t('roles.seconds', { n: role.MaxSessionDuration }) },
            { key: 'created', label: t('common.created'), children: formatTime(role.CreateDate, i18n.language) },
          ]} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('roles.trustPolicy')}</Typography.Title>
          <PolicyEditor value={prettyJson(role.AssumeRolePolicyDocument)} kind="trust" readOnly rows={10} />
          {can('Ram:UpdateRole') && <Button style={{ marginTop: 12 }} onClick={() => setEditing(true)}>{t('roles.editTrust')}</Button>}
          <FormModal<{ NewAssumeRolePolicyDocument: string }> open={editing} width={720} title={t('roles.editTrust')} documentField="NewAssumeRolePolicyDocument" initialValues={{ NewAssumeRolePolicyDocument: prettyJson(role.AssumeRolePolicyDocument) }} onClose={() => setEditing(false)} onSubmit={async (v) => {
            await api.put(`/ram/roles/${seg(name)}`, v);
            await qc.invalidateQueries({ queryKey: ['role', name] });
          }}>
            <Form.Item name="NewAssumeRolePolicyDocument" label={t('roles.trustPolicy')} rules={[{ required: true, message: t('validation.required') }, policyRule('trust')]} validateTrigger="onSubmit">
              <PolicyEditor kind="trust" />
            </Form.Item>
          </FormModal>
        </>
      )}
    </QueryState>
  );
}

/** RAM roles: list, create with a trust policy, edit the trust policy, attached policies, delete. */
export function Roles() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const list = useRamPage<Role>('roles', '/ram/roles', 'Roles', 'Role');
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<Role>();
  const [deleting, setDeleting] = useState(false);
  const accountId = list.items[0]?.Arn.split(':')[3] ?? '';
  const create = can('Ram:CreateRole') && <Button type="primary" onClick={() => setCreating(true)}>{t('roles.create')}</Button>;
  return (
    <>
      <PageHeader title={t('roles.title')} description={t('roles.description2')} actions={create} />
      <QueryState loading={list.isLoading} error={list.error} retry={() => void list.refetch()} empty={list.items.length === 0 && list.page === 1} emptyText={t('roles.empty')} emptyAction={create}>
        <Table<Role> rowKey="RoleId" dataSource={list.items} pagination={false} onRow={(r) => ({ onClick: () => setSelected(r), style: { cursor: 'pointer' } })} columns={[
          { title: t('roles.name'), dataIndex: 'RoleName', render: (v: string) => <a>{v}</a> },
          { title: t('roles.description'), dataIndex: 'Description', ellipsis: true },
          { title: t('common.created'), dataIndex: 'CreateDate', render: (v: string) => formatTime(v, i18n.language) },
        ]} />
        <Pager page={list.page} hasNext={list.hasNext} next={list.next} prev={list.prev} />
      </QueryState>
      <FormModal<{ RoleName: string; Description?: string; AssumeRolePolicyDocument: string; MaxSessionDuration?: number }> open={creating} width={720} title={t('roles.create')} okText={t('common.create')} documentField="AssumeRolePolicyDocument" initialValues={{ AssumeRolePolicyDocument: trustTemplate(accountId || '<account-id>'), MaxSessionDuration: 3600 }} onClose={() => setCreating(false)} onSubmit={async (v) => {
        await api.post('/ram/roles', { ...v, Description: v.Description || undefined });
        await qc.invalidateQueries({ queryKey: ['roles'] });
      }}>
        <Form.Item name="RoleName" label={t('roles.name')} rules={[{ required: true, message: t('validation.required') }, { pattern: ROLE_NAME, message: t('validation.roleName') }]}><Input /></Form.Item>
        <Form.Item name="Description" label={t('roles.description')}><Input /></Form.Item>
        <Form.Item name="MaxSessionDuration" label={t('roles.maxSession')}><InputNumber min={3600} max={43200} style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="AssumeRolePolicyDocument" label={t('roles.trustPolicy')} rules={[{ required: true, message: t('validation.required') }, policyRule('trust')]} validateTrigger="onSubmit">
          <PolicyEditor kind="trust" />
        </Form.Item>
      </FormModal>
      {selected && (
        <Drawer open size={760} title={selected.RoleName} onClose={() => setSelected(undefined)} destroyOnHidden extra={can('Ram:DeleteRole') && <Button danger onClick={() => setDeleting(true)}>{t('common.delete')}</Button>}>
          <Tabs items={[
            { key: 'details', label: t('users.tabs.details'), children: <RoleDetails name={selected.RoleName} /> },
            { key: 'policies', label: t('users.tabs.policies'), children: <AttachedPolicies kind="roles" name={selected.RoleName} /> },
          ]} />
          <ConfirmByName open={deleting} name={selected.RoleName} title={t('roles.deleteTitle')} danger={t('roles.deleteWarning')} onClose={() => setDeleting(false)} onConfirm={async () => {
            await api.del(`/ram/roles/${seg(selected.RoleName)}`);
            await qc.invalidateQueries({ queryKey: ['roles'] });
            setSelected(undefined);
          }} />
        </Drawer>
      )}
    </>
  );
}
