import { Button, Form, Popconfirm, Select, Table, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, seg } from '../../api/client.js';
import type { Policy } from '../../api/types.js';
import { useCan } from '../../auth/session.js';
import { FormModal } from '../../components/FormModal.js';
import { QueryState } from '../../components/QueryState.js';

const ACTIONS = { users: 'User', groups: 'Group', roles: 'Role' } as const;

/** The policies attached to a user, group or role: attach and detach. */
export function AttachedPolicies({ kind, name }: { kind: keyof typeof ACTIONS; name: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const base = `/ram/${kind}/${seg(name)}/policies`;
  const q = useQuery({ queryKey: ['attached', kind, name], queryFn: () => api.get<{ Policies: { Policy: Policy[] } }>(base) });
  const all = useQuery({ queryKey: ['policies-all'], queryFn: () => api.get<{ Policies: { Policy: Policy[] } }>('/ram/policies', { MaxItems: 100 }), enabled: open });
  const suffix = ACTIONS[kind];
  const refresh = () => qc.invalidateQueries({ queryKey: ['attached', kind, name] });
  const items = q.data?.Policies.Policy ?? [];
  return (
    <>
      {can(`Ram:AttachPolicyTo${suffix}`) && <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setOpen(true)} data-testid="attach-policy">{t('policies.attach')}</Button>}
      <QueryState loading={q.isLoading} error={q.error} retry={() => void q.refetch()}>
        <Table<Policy>
          size="small"
          rowKey={(p) => `${p.PolicyType}:${p.PolicyName}`}
          dataSource={items}
          pagination={false}
          locale={{ emptyText: t('policies.noneAttached') }}
          columns={[
            { title: t('policies.name'), dataIndex: 'PolicyName' },
            { title: t('policies.type'), dataIndex: 'PolicyType', render: (v: string) => <Tag>{t(`policies.types.${v}`)}</Tag> },
            { title: t('policies.description'), dataIndex: 'Description', ellipsis: true },
            {
              title: t('common.actions'),
              render: (_: unknown, p) =>
                can(`Ram:DetachPolicyFrom${suffix}`) && (
                  <Popconfirm title={t('policies.detachConfirm', { name: p.PolicyName })} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={async () => {
                    await api.del(`${base}/${p.PolicyType}/${seg(p.PolicyName)}`);
                    await refresh();
                  }}>
                    <Button size="small" danger>{t('policies.detach')}</Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </QueryState>
      <FormModal<{ policy: string }>
        open={open}
        title={t('policies.attachTitle', { name })}
        okText={t('policies.attach')}
        onClose={() => setOpen(false)}
        onSubmit={async (v) => {
          const [PolicyType, PolicyName] = v.policy.split(':');
          await api.post(base, { PolicyType, PolicyName });
          await refresh();
        }}
      >
        <Form.Item name="policy" label={t('policies.policy')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select
            showSearch
            loading={all.isLoading}
            data-testid="policy-select"
            options={(all.data?.Policies.Policy ?? []).map((p) => ({ value: `${p.PolicyType}:${p.PolicyName}`, label: `${p.PolicyName} (${t(`policies.types.${p.PolicyType}`)})` }))}
          />
        </Form.Item>
      </FormModal>
    </>
  );
}
