import { Button, Popconfirm, Table, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, seg } from '../../api/client.js';
import { useCan } from '../../auth/session.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryState } from '../../components/QueryState.js';
import { formatTime } from '../../components/time.js';

interface Device {
  SerialNumber: string;
  ActivateDate?: string;
  User?: { UserName: string; DisplayName: string };
}

/** Virtual MFA devices of the account: who they are bound to; unbound ones can be deleted. */
export function MfaDevices() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['mfa-devices'], queryFn: () => api.get<{ VirtualMFADevices: { VirtualMFADevice: Device[] } }>('/ram/mfa-devices') });
  const items = q.data?.VirtualMFADevices.VirtualMFADevice ?? [];
  return (
    <>
      <PageHeader title={t('mfa.title')} description={t('mfa.description')} />
      <QueryState loading={q.isLoading} error={q.error} retry={() => void q.refetch()} empty={items.length === 0} emptyText={t('mfa.empty')}>
        <Table<Device> rowKey="SerialNumber" dataSource={items} pagination={{ pageSize: 20, showSizeChanger: false }} columns={[
          { title: t('mfa.serial'), dataIndex: 'SerialNumber' },
          { title: t('mfa.user'), render: (_: unknown, d) => (d.User ? d.User.UserName : <Tag>{t('mfa.unbound')}</Tag>) },
          { title: t('mfa.activated'), dataIndex: 'ActivateDate', render: (v?: string) => formatTime(v, i18n.language) },
          { title: t('common.actions'), render: (_: unknown, d) => !d.User && can('Ram:DeleteVirtualMFADevice') && (
            <Popconfirm title={t('mfa.deleteConfirm')} okText={t('common.delete')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={async () => {
              await api.del(`/ram/mfa-devices/${seg(d.SerialNumber)}`);
              await qc.invalidateQueries({ queryKey: ['mfa-devices'] });
            }}>
              <Button size="small" danger>{t('common.delete')}</Button>
            </Popconfirm>
          ) },
        ]} />
      </QueryState>
    </>
  );
}
