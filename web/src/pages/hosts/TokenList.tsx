import { Alert, Button, Drawer, Popconfirm, Table, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/useAction.js';
import { useCan } from '../../auth/session.js';
import { QueryState } from '../../components/QueryState.js';
import { formatTime } from '../../components/time.js';
import { hostsApi, type Token } from './api.js';

const STATUS_COLOR: Record<Token['Status'], string> = { unused: 'blue', used: 'green', expired: 'default' };

/** The account's enrollment tokens (never the token itself) and revocation of unused ones. */
export function TokenList({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const can = useCan();
  const q = useQuery({ queryKey: ['host-tokens'], queryFn: () => hostsApi.tokens(), enabled: open });
  const { error, act } = useAction(() => qc.invalidateQueries({ queryKey: ['host-tokens'] }));
  const tokens = q.data?.Tokens ?? [];
  return (
    <Drawer open={open} size={860} title={t('hosts.tokenList.title')} onClose={onClose} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <QueryState loading={q.isLoading} error={q.error} retry={() => void q.refetch()} empty={tokens.length === 0} emptyText={t('hosts.tokenList.empty')}>
        <Table<Token>
          size="small"
          rowKey="TokenId"
          dataSource={tokens}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: t('hosts.tokenList.id'), dataIndex: 'TokenId' },
            { title: t('hosts.tokenList.label'), dataIndex: 'Label' },
            { title: t('hosts.tokenList.status'), dataIndex: 'Status', render: (s: Token['Status']) => <Tag color={STATUS_COLOR[s]}>{t(`hosts.tokenList.statuses.${s}`)}</Tag> },
            { title: t('hosts.tokenList.created'), dataIndex: 'CreateDate', render: (v: string) => formatTime(v, i18n.language) },
            { title: t('hosts.tokenList.expires'), dataIndex: 'ExpiresAt', render: (v: string) => formatTime(v, i18n.language) },
            { title: t('hosts.tokenList.host'), dataIndex: 'HostId' },
            { title: t('hosts.tokenList.by'), dataIndex: 'CreatedBy' },
            {
              title: t('common.actions'),
              render: (_: unknown, r) =>
                r.Status === 'unused' && can('bulwark:RevokeEnrollmentToken') && (
                  <Popconfirm title={t('hosts.tokenList.revokeConfirm')} okText={t('hosts.tokenList.revoke')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={() => act(() => hostsApi.revokeToken(r.TokenId))}>
                    <Button size="small" danger>{t('hosts.tokenList.revoke')}</Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </QueryState>
    </Drawer>
  );
}
