import { Button, Checkbox, Form, Input, Table, Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, seg } from '../../api/client.js';
import { useRamPage } from '../../api/paging.js';
import type { User } from '../../api/types.js';
import { useCan } from '../../auth/session.js';
import { FormModal } from '../../components/FormModal.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Pager } from '../../components/Pager.js';
import { QueryState } from '../../components/QueryState.js';
import { formatTime } from '../../components/time.js';
import { UserDrawer } from './UserDrawer.js';

interface NewUser {
  UserName: string;
  DisplayName?: string;
  Email?: string;
  Comments?: string;
  consoleAccess: boolean;
  Password?: string;
  PasswordResetRequired: boolean;
}

export const NAME_RULE = /^[A-Za-z0-9._-]{1,64}$/;

/** RAM users: list, create (optionally with console access), and the user drawer. */
export function Users() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const list = useRamPage<User>('users', '/ram/users', 'Users', 'User');
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<User>();
  const create = can('Ram:CreateUser') && <Button type="primary" onClick={() => setCreating(true)} data-testid="create-user">{t('users.create')}</Button>;
  return (
    <>
      <PageHeader title={t('users.title')} description={t('users.description')} actions={create} />
      <QueryState loading={list.isLoading} error={list.error} retry={() => void list.refetch()} empty={list.items.length === 0 && list.page === 1} emptyText={t('users.empty')} emptyAction={create}>
        <Table<User>
          rowKey="UserId"
          dataSource={list.items}
          pagination={false}
          onRow={(u) => ({ onClick: () => setSelected(u), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('users.userName'), dataIndex: 'UserName', render: (v: string) => <a data-testid={`user-${v}`}>{v}</a> },
            { title: t('users.displayName'), dataIndex: 'DisplayName' },
            { title: t('common.created'), dataIndex: 'CreateDate', render: (v: string) => formatTime(v, i18n.language) },
            { title: t('users.lastLogin'), dataIndex: 'LastLoginDate', render: (v?: string) => (v ? formatTime(v, i18n.language) : <Tag>{t('users.neverSignedIn')}</Tag>) },
          ]}
        />
        <Pager page={list.page} hasNext={list.hasNext} next={list.next} prev={list.prev} />
      </QueryState>
      <FormModal<NewUser>
        open={creating}
        title={t('users.create')}
        okText={t('common.create')}
        initialValues={{ consoleAccess: false, PasswordResetRequired: true }}
        onClose={() => setCreating(false)}
        testId="create-user-modal"
        onSubmit={async (v) => {
          await api.post('/ram/users', { UserName: v.UserName, DisplayName: v.DisplayName || undefined, Email: v.Email || undefined, Comments: v.Comments || undefined });
          if (v.consoleAccess) await api.post(`/ram/users/${seg(v.UserName)}/login-profile`, { Password: v.Password, PasswordResetRequired: v.PasswordResetRequired });
          await qc.invalidateQueries({ queryKey: ['users'] });
        }}
      >
        {() => (
          <>
            <Form.Item name="UserName" label={t('users.userName')} rules={[{ required: true, message: t('validation.required') }, { pattern: NAME_RULE, message: t('validation.userName') }]}>
              <Input data-testid="user-name-input" />
            </Form.Item>
            <Form.Item name="DisplayName" label={t('users.displayName')} rules={[{ max: 128, message: t('validation.maxLength', { n: 128 }) }]}>
              <Input />
            </Form.Item>
            <Form.Item name="Email" label={t('users.email')} rules={[{ type: 'email', message: t('validation.email') }]}>
              <Input />
            </Form.Item>
            <Form.Item name="Comments" label={t('users.comments')} rules={[{ max: 128, message: t('validation.maxLength', { n: 128 }) }]}>
              <Input />
            </Form.Item>
            <Form.Item name="consoleAccess" valuePropName="checked"><Checkbox>{t('users.consoleAccess')}</Checkbox></Form.Item>
            <Form.Item noStyle dependencies={['consoleAccess']}>
              {({ getFieldValue }) => getFieldValue('consoleAccess') && (
                <>
                  <Form.Item name="Password" label={t('loginProfile.password')} rules={[{ required: true, message: t('validation.required') }]}>
                    <Input.Password autoComplete="new-password" />
                  </Form.Item>
                  <Form.Item name="PasswordResetRequired" valuePropName="checked"><Checkbox>{t('loginProfile.resetRequired')}</Checkbox></Form.Item>
                </>
              )}
            </Form.Item>
          </>
        )}
      </FormModal>
      <UserDrawer user={selected} onClose={() => setSelected(undefined)} />
    </>
  );
}
