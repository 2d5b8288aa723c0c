import { Card, Col, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client.js';
import type { AuditEvent } from '../api/types.js';
import { PageHeader } from '../components/PageHeader.js';
import { QueryState } from '../components/QueryState.js';
import { formatTime } from '../components/time.js';

interface Overview {
  counts: Record<'users' | 'groups' | 'roles' | 'policies' | 'keys' | 'secrets', number | null>;
  recentEvents: AuditEvent[] | null;
}

const TILES = [
  { key: 'users', path: '/identity/users' },
  { key: 'groups', path: '/identity/groups' },
  { key: 'roles', path: '/identity/roles' },
  { key: 'policies', path: '/identity/policies' },
  { key: 'keys', path: '/keys/kms' },
  { key: 'secrets', path: '/keys/secrets' },
] as const;

/** Counts of what the account holds and the latest audit events. */
export function Overview() {
  const { t, i18n } = useTranslation();
  const q = useQuery({ queryKey: ['overview'], queryFn: () => api.get<Overview>('/overview') });
  return (
    <>
      <PageHeader title={t('overview.title')} description={t('overview.description')} />
      <QueryState loading={q.isLoading} error={q.error} retry={() => void q.refetch()}>
        <Row gutter={[16, 16]}>
          {TILES.map((tile) => (
            <Col key={tile.key} xs={12} md={8} xl={4}>
              <Link to={tile.path}>
                <Card hoverable data-testid={`count-${tile.key}`}>
                  <Statistic title={t(`overview.counts.${tile.key}`)} value={q.data?.counts[tile.key] ?? '—'} />
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
        <Card title={t('overview.recentEvents')} style={{ marginTop: 16 }} extra={<Link to="/audit">{t('overview.allEvents')}</Link>}>
          {q.data?.recentEvents === null ? (
            <Typography.Text type="secondary">{t('overview.noAuditAccess')}</Typography.Text>
          ) : (
            <Table<AuditEvent>
              size="small"
              rowKey="eventId"
              pagination={false}
              dataSource={q.data?.recentEvents ?? []}
              locale={{ emptyText: t('overview.noEvents') }}
              columns={[
                { title: t('audit.time'), dataIndex: 'eventTime', render: (v: string) => formatTime(v, i18n.language) },
                { title: t('audit.user'), render: (_: unknown, e) => e.userIdentity.userName ?? e.userIdentity.type },
                { title: t('audit.action'), dataIndex: 'eventName' },
                { title: t('audit.result'), render: (_: unknown, e) => (e.errorCode ? <Tag color="red">{e.errorCode}</Tag> : <Tag color="green">{t('audit.success')}</Tag>) },
              ]}
            />
          )}
        </Card>
      </QueryState>
    </>
  );
}
