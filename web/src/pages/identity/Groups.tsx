import { Button, Drawer, Form, Input, Popconfirm, Table, Tabs } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, seg } from '../../api/client.js';
import { useRamPage } from '../../api/paging.js';
import type { Group, User } from '../../api/types.js';
import { useCan } from '../../auth/session.js';
import { ConfirmByName } from '../../components/ConfirmByName.js';
import { FormModal } from '../../components/FormModal.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Pager } from '../../components/Pager.js';
import { QueryState } from '../../components/QueryState.js';
import { formatTime } from '../../components/time.js';
import { AttachedPolicies } from './AttachedPolicies.js';
import { NAME_RULE } from './Users.js';

function Members({ group }: { group: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['group-users', group], queryFn: () => api.get<{ Users: { User: User[] } }>(`/ram/groups/${seg(group)}/users`, { MaxItems: 100 }) });
  return (
    <QueryState loading={q.isLoading} error={q.error}>
      <Table<User> size="small" rowKey="UserName" pagination={false} dataSource={q.data?.Users.User ?? []} locale={{ emptyText: t('groups.noMembers') }} columns={[
        { title: t('users.userName'), dataIndex: 'UserName' },
        { title: t('users.displayName'), dataIndex: 'DisplayName' },
        { title: t('common.actions'), render: (_: unknown, u) => can('Ram:RemoveUserFromGroup') && (
          <Popconfirm title={t('users.removeFromGroupConfirm', { group })} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={async () => {
            await api.del(`/ram/groups/${seg(group)}/users/${seg(u.UserName)}`);
            await qc.invalidateQueries({ queryKey: ['group-users', group] });
          }}>
            <Button size="small" danger>{t('users.removeFromGroup')}</Button>
          </Popconfirm>
        ) },
      ]} />
    </QueryState>
  );
}

/** RAM groups: list, create, members, attached policies, delete. */
export function Groups() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const list = useRamPage<Group>('groups', '/ram/groups', 'Groups', 'Group');
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<Group>();
  const [deleting, setDeleting] = useState(false);
  const create = can('Ram:CreateGroup') && <Button type="primary" onClick={() => setCreating(true)}>{t('groups.create')}</Button>;
  return (
    <>
      <PageHeader title={t('groups.title')} description={t('groups.description')} actions={create} />
      <QueryState loading={list.isLoading} error={list.error} retry={() => void list.refetch()} empty={list.items.length === 0 && list.page === 1} emptyText={t('groups.empty')} emptyAction={create}>
        <Table<Group> rowKey="GroupName" dataSource={list.items} pagination={false} onRow={(g) => ({ onClick: () => setSelected(g), style: { cursor: 'pointer' } })} columns={[
          { title: t('groups.name'), dataIndex: 'GroupName', render: (v: string) => <a>{v}</a> },
          { title: t('groups.comments'), dataIndex: 'Comments' },
          { title: t('common.created'), dataIndex: 'CreateDate', render: (v: string) => formatTime(v, i18n.language) },
        ]} />
        <Pager page={list.page} hasNext={list.hasNext} next={list.next} prev={list.prev} />
      </QueryState>
      <FormModal<{ GroupName: string; Comments?: string }> open={creating} title={t('groups.create')} okText={t('common.create')} onClose={() => setCreating(false)} onSubmit={async (v) => {
        await api.post('/ram/groups', v);
        await qc.invalidateQueries({ queryKey: ['groups'] });
      }}>
        <Form.Item name="GroupName" label={t('groups.name')} rules={[{ required: true, message: t('validation.required') }, { pattern: NAME_RULE, message: t('validation.userName') }]}><Input /></Form.Item>
        <Form.Item name="Comments" label={t('groups.comments')} rules={[{ max: 128, message: t('validation.maxLength', { n: 128 }) }]}><Input /></Form.Item>
      </FormModal>
      {selected && (
        <Drawer open size={720} title={selected.GroupName} onClose={() => setSelected(undefined)} destroyOnHidden extra={can('Ram:DeleteGroup') && <Button danger onClick={() => setDeleting(true)}>{t('common.delete')}</Button>}>
          <Tabs items={[
            { key: 'members', label: t('groups.members'), children: <Members group={selected.GroupName} /> },
            { key: 'policies', label: t('users.tabs.policies'), children: <AttachedPolicies kind="groups" name={selected.GroupName} /> },
          ]} />
          <ConfirmByName open={deleting} name={selected.GroupName} title={t('groups.deleteTitle')} danger={t('groups.deleteWarning')} onClose={() => setDeleting(false)} onConfirm={async () => {
            await api.del(`/ram/groups/${seg(selected.GroupName)}`);
            await qc.invalidateQueries({ queryKey: ['groups'] });
            setSelected(undefined);
          }} />
        </Drawer>
      )}
    </>
  );
}
