import { Alert, Button, Checkbox, Descriptions, Drawer, Form, Input, Popconfirm, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, seg } from '../../api/client.js';
import { errorText } from '../../api/errors.js';
import type { Group, User } from '../../api/types.js';
import { useCan } from '../../auth/session.js';
import { ConfirmByName } from '../../components/ConfirmByName.js';
import { FormModal } from '../../components/FormModal.js';
import { QueryState } from '../../components/QueryState.js';
import { formatTime } from '../../components/time.js';
import { AccessKeys } from './AccessKeys.js';
import { AttachedPolicies } from './AttachedPolicies.js';

interface LoginProfile {
  UserName: string;
  PasswordResetRequired: boolean;
  MFABindRequired: boolean;
  CreateDate: string;
}

function LoginProfileTab({ user }: { user: string }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [mode, setMode] = useState<'create' | 'update'>();
  const base = `/ram/users/${seg(user)}/login-profile`;
  const q = useQuery({ queryKey: ['login-profile', user], queryFn: () => api.get<{ LoginProfile: LoginProfile }>(base).catch((e: unknown) => (e instanceof ApiError && e.status === 404 ? null : Promise.reject(e))) });
  const refresh = () => qc.invalidateQueries({ queryKey: ['login-profile', user] });
  const profile = q.data?.LoginProfile;
  return (
    <QueryState loading={q.isLoading} error={q.error} empty={q.data === null} emptyText={t('loginProfile.none')} emptyAction={can('Ram:CreateLoginProfile') && <Button type="primary" onClick={() => setMode('create')} data-testid="create-login-profile">{t('loginProfile.create')}</Button>}>
      {profile && (
        <>
          <Descriptions column={1} size="small" bordered items={[
            { key: 'reset', label: t('loginProfile.resetRequired'), children: profile.PasswordResetRequired ? t('common.yes') : t('common.no') },
            { key: 'mfa', label: t('loginProfile.mfaRequired'), children: profile.MFABindRequired ? t('common.yes') : t('common.no') },
            { key: 'created', label: t('common.created'), children: formatTime(profile.CreateDate, i18n.language) },
          ]} />
          <Space style={{ marginTop: 12 }}>
            {can('Ram:UpdateLoginProfile') && <Button onClick={() => setMode('update')}>{t('loginProfile.update')}</Button>}
            {can('Ram:DeleteLoginProfile') && (
              <Popconfirm title={t('loginProfile.deleteConfirm')} okText={t('common.delete')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={async () => {
                await api.del(base);
                await refresh();
              }}>
                <Button danger>{t('loginProfile.delete')}</Button>
              </Popconfirm>
            )}
          </Space>
        </>
      )}
      <FormModal<{ Password?: string; PasswordResetRequired: boolean; MFABindRequired: boolean }>
        open={mode !== undefined}
        title={mode === 'create' ? t('loginProfile.create') : t('loginProfile.update')}
        initialValues={{ PasswordResetRequired: profile?.PasswordResetRequired ?? true, MFABindRequired: profile?.MFABindRequired ?? false }}
        onClose={() => setMode(undefined)}
        onSubmit={async (v) => {
          const body = { ...v, ...(v.Password ? {} : { Password: undefined }) };
          await (mode === 'create' ? api.post(base, body) : api.put(base, body));
          await refresh();
        }}
      >
        <Form.Item name="Password" label={t('loginProfile.password')} rules={mode === 'create' ? [{ required: true, message: t('validation.required') }] : []} extra={mode === 'update' ? t('loginProfile.keepPassword') : undefined}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="PasswordResetRequired" valuePropName="checked"><Checkbox>{t('loginProfile.resetRequired')}</Checkbox></Form.Item>
        <Form.Item name="MFABindRequired" valuePropName="checked"><Checkbox>{t('loginProfile.mfaRequired')}</Checkbox></Form.Item>
      </FormModal>
    </QueryState>
  );
}

function GroupsTab({ user }: { user: string }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const q = useQuery({ queryKey: ['user-groups', user], queryFn: () => api.get<{ Groups: { Group: Group[] } }>(`/ram/users/${seg(user)}/groups`) });
  const all = useQuery({ queryKey: ['groups-all'], queryFn: () => api.get<{ Groups: { Group: Group[] } }>('/ram/groups', { MaxItems: 100 }), enabled: open });
  const refresh = () => qc.invalidateQueries({ queryKey: ['user-groups', user] });
  return (
    <>
      {can('Ram:AddUserToGroup') && <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setOpen(true)}>{t('users.addToGroup')}</Button>}
      <QueryState loading={q.isLoading} error={q.error}>
        <Table<Group> size="small" rowKey="GroupName" pagination={false} dataSource={q.data?.Groups.Group ?? []} locale={{ emptyText: t('users.noGroups') }} columns={[
          { title: t('groups.name'), dataIndex: 'GroupName' },
          { title: t('groups.joined'), dataIndex: 'JoinDate', render: (v: string) => formatTime(v, i18n.language) },
          { title: t('common.actions'), render: (_: unknown, g) => can('Ram:RemoveUserFromGroup') && (
            <Popconfirm title={t('users.removeFromGroupConfirm', { group: g.GroupName })} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={async () => {
              await api.del(`/ram/groups/${seg(g.GroupName)}/users/${seg(user)}`);
              await refresh();
            }}>
              <Button size="small" danger>{t('users.removeFromGroup')}</Button>
            </Popconfirm>
          ) },
        ]} />
      </QueryState>
      <FormModal<{ group: string }> open={open} title={t('users.addToGroup')} onClose={() => setOpen(false)} onSubmit={async (v) => {
        await api.post(`/ram/groups/${seg(v.group)}/users`, { UserName: user });
        await refresh();
      }}>
        <Form.Item name="group" label={t('groups.name')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select showSearch loading={all.isLoading} options={(all.data?.Groups.Group ?? []).map((g) => ({ value: g.GroupName, label: g.GroupName }))} notFoundContent={t('groups.empty')} />
        </Form.Item>
      </FormModal>
    </>
  );
}

function MfaTab({ user }: { user: string }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [error, setError] = useState<string>();
  const q = useQuery({ queryKey: ['user-mfa', user], queryFn: () => api.get<{ MFADevice: { SerialNumber: string; ActivateDate?: string } }>(`/ram/users/${seg(user)}/mfa`).catch((e: unknown) => (e instanceof ApiError && e.status === 404 ? null : Promise.reject(e))) });
  const device = q.data?.MFADevice;
  return (
    <QueryState loading={q.isLoading} error={q.error} empty={!device} emptyText={t('mfa.noneBound')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Descriptions column={1} size="small" bordered items={[
        { key: 'serial', label: t('mfa.serial'), children: device?.SerialNumber },
        { key: 'activated', label: t('mfa.activated'), children: formatTime(device?.ActivateDate, i18n.language) },
      ]} />
      {can('Ram:UnbindMFADevice') && (
        <Popconfirm title={t('mfa.unbindConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={async () => {
          try {
            await api.del(`/ram/users/${seg(user)}/mfa`);
            await qc.invalidateQueries({ queryKey: ['user-mfa', user] });
          } catch (e) {
            setError(errorText(t, e));
          }
        }}>
          <Button danger style={{ marginTop: 12 }}>{t('mfa.unbind')}</Button>
        </Popconfirm>
      )}
    </QueryState>
  );
}

function DetailsTab({ initial }: { initial: User }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const path = `/ram/users/${seg(initial.UserName)}`;
  const q = useQuery({ queryKey: ['user', initial.UserName], queryFn: async () => (await api.get<{ User: User }>(path)).User, initialData: initial });
  const user = q.data;
  return (
    <>
      <Descriptions column={1} size="small" bordered items={[
        { key: 'id', label: t('users.id'), children: <Typography.Text code>{user.UserId}</Typography.Text> },
        { key: 'display', label: t('users.displayName'), children: user.DisplayName },
        { key: 'email', label: t('users.email'), children: user.Email },
        { key: 'comments', label: t('users.comments'), children: user.Comments },
        { key: 'created', label: t('common.created'), children: formatTime(user.CreateDate, i18n.language) },
        { key: 'login', label: t('users.lastLogin'), children: user.LastLoginDate ? formatTime(user.LastLoginDate, i18n.language) : <Tag>{t('users.neverSignedIn')}</Tag> },
      ]} />
      {can('Ram:UpdateUser') && <Button style={{ marginTop: 12 }} onClick={() => setEditing(true)}>{t('common.edit')}</Button>}
      <FormModal<{ NewDisplayName: string; NewEmail: string; NewComments: string }> open={editing} title={t('users.editTitle')} initialValues={{ NewDisplayName: user.DisplayName, NewEmail: user.Email, NewComments: user.Comments }} onClose={() => setEditing(false)} onSubmit={async (v) => {
        await api.put(path, v);
        await qc.invalidateQueries({ queryKey: ['user', initial.UserName] });
        await qc.invalidateQueries({ queryKey: ['users'] });
      }}>
        <Form.Item name="NewDisplayName" label={t('users.displayName')} rules={[{ max: 128, message: t('validation.maxLength', { n: 128 }) }]}><Input /></Form.Item>
        <Form.Item name="NewEmail" label={t('users.email')} rules={[{ type: 'email', message: t('validation.email') }]}><Input /></Form.Item>
        <Form.Item name="NewComments" label={t('users.comments')} rules={[{ max: 128, message: t('validation.maxLength', { n: 128 }) }]}><Input /></Form.Item>
      </FormModal>
    </>
  );
}

/** One user: details, console access, groups, policies, AccessKeys, MFA; delete by typing the name. */
export function UserDrawer({ user, onClose }: { user: User | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [deleting, setDeleting] = useState(false);
  if (!user) return null;
  return (
    <Drawer open size={760} title={user.UserName} onClose={onClose} destroyOnHidden extra={can('Ram:DeleteUser') && <Button danger onClick={() => setDeleting(true)} data-testid="delete-user">{t('common.delete')}</Button>}>
      <Tabs items={[
        { key: 'details', label: t('users.tabs.details'), children: <DetailsTab initial={user} /> },
        { key: 'login', label: t('users.tabs.login'), children: <LoginProfileTab user={user.UserName} /> },
        { key: 'groups', label: t('users.tabs.groups'), children: <GroupsTab user={user.UserName} /> },
        { key: 'policies', label: t('users.tabs.policies'), children: <AttachedPolicies kind="users" name={user.UserName} /> },
        { key: 'keys', label: t('users.tabs.accessKeys'), children: <AccessKeys user={user.UserName} /> },
        { key: 'mfa', label: t('users.tabs.mfa'), children: <MfaTab user={user.UserName} /> },
      ]} />
      <ConfirmByName open={deleting} name={user.UserName} title={t('users.deleteTitle')} danger={t('users.deleteWarning')} onClose={() => setDeleting(false)} onConfirm={async () => {
        await api.del(`/ram/users/${seg(user.UserName)}`);
        await qc.invalidateQueries({ queryKey: ['users'] });
        onClose();
      }} />
    </Drawer>
  );
}
