import { Button, Modal, Table, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { useAction } from '../api/useAction.js';
import type { Session } from '../api/types.js';
import { QueryState } from '../components/QueryState.js';
import { formatTime } from '../components/time.js';

/** The signed-in user's console sessions (browser, address, times); others can be signed out here. */
export function MySessions({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['my-sessions'], queryFn: () => api.get<{ sessions: Array<Session & { current: boolean }> }>('/sessions'), enabled: open });
  const { error, act } = useAction(() => qc.invalidateQueries({ queryKey: ['my-sessions'] }));
  return (
    <Modal open={open} title={t('shell.sessions')} footer={null} width={860} onCancel={onClose} destroyOnHidden>
      <QueryState loading={q.isLoading} error={q.error ?? error}>
        <Table size="small" rowKey="id" pagination={false} dataSource={q.data?.sessions ?? []} data-testid="my-sessions" columns={[
          { title: t('shell.signedIn'), dataIndex: 'createdAt', render: (v: string) => formatTime(v, i18n.language) },
          { title: t('audit.source'), dataIndex: 'sourceIp' },
          { title: t('shell.browser'), dataIndex: 'userAgent', ellipsis: true },
          { title: t('shell.expires'), dataIndex: 'expiresAt', render: (v: string) => formatTime(v, i18n.language) },
          { title: t('common.actions'), render: (_: unknown, s) => (s.current ? <Tag color="blue">{t('shell.current')}</Tag> : <Button size="small" danger onClick={() => void act(() => api.del(`/sessions/${encodeURIComponent(s.id)}`))}>{t('shell.revoke')}</Button>) },
        ]} />
      </QueryState>
    </Modal>
  );
}
