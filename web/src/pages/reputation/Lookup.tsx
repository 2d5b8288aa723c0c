import { Alert, Button, Card, Descriptions, Empty, Input, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/session.js';
import { QueryState } from '../../components/QueryState.js';
import { formatTime } from '../../components/time.js';
import { REPUTATION_WRITES, reputationApi, useReputationSettings, type Decision, type DecisionAction, type DecisionOrigin } from './api.js';
import { evidenceParts, isTarget } from './decision-form.js';
import { ActionTag, OriginTag } from './labels.js';

function DecisionTable({ rows, testId }: { rows: Decision[]; testId: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Table<Decision>
      size="small"
      rowKey="id"
      dataSource={rows}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      data-testid={testId}
      columns={[
        { title: t('reputation.decisions.target'), dataIndex: 'value', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
        { title: t('reputation.decisions.action'), dataIndex: 'action', render: (a: DecisionAction) => <ActionTag action={a} /> },
        { title: t('reputation.decisions.origin'), dataIndex: 'origin', render: (o: DecisionOrigin) => <OriginTag origin={o} /> },
        { title: t('reputation.decisions.reason'), dataIndex: 'scenario' },
        { title: t('reputation.decisions.evidence'), render: (_: unknown, d) => evidenceParts(d.evidence).map((p) => <div key={p}>{p}</div>) },
        { title: t('reputation.decisions.created'), dataIndex: 'createdAt', render: (v: string) => formatTime(v, i18n.language) },
        {
          title: t('reputation.decisions.expires'),
          dataIndex: 'until',
          render: (v: string, d) => (
            <>
              <div>{formatTime(v, i18n.language)}</div>
              {d.deletedAt && <Typography.Text type="secondary">{t('reputation.lookup.lifted', { time: formatTime(d.deletedAt, i18n.language) })}</Typography.Text>}
            </>
          ),
        },
      ]}
    />
  );
}

/** One address: its current score against the thresholds, allowlisting, the decisions covering it and its history. */
export function Lookup({ ip, onSearch, onBan }: { ip: string; onSearch: (ip: string) => void; onBan: (ip: string) => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const settings = useReputationSettings();
  const valid = ip !== '' && isTarget(ip);
  const q = useQuery({ queryKey: ['reputation', 'lookup', ip], queryFn: () => reputationApi.show(ip), enabled: valid });
  const d = q.data;
  return (
    <>
      <Input.Search
        key={ip}
        defaultValue={ip}
        placeholder={t('reputation.lookup.placeholder')}
        enterButton={t('reputation.lookup.submit')}
        onSearch={(v) => onSearch(v.trim())}
        style={{ maxWidth: 480, marginBottom: 16 }}
        data-testid="lookup-input"
      />
      {ip !== '' && !valid && <Alert type="error" showIcon title={t('reputation.ban.invalidIp')} />}
      {!ip && <Empty description={t('reputation.lookup.hint')} />}
      {valid && (
        <QueryState loading={q.isLoading} error={q.error} retry={() => void q.refetch()}>
          {d && (
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              <Card>
                <Space size="large" wrap align="start">
                  <Statistic title={t('reputation.lookup.score')} value={d.score} data-testid="lookup-score" />
                  <Descriptions
                    column={1}
                    size="small"
                    items={[
                      { key: 'ip', label: t('reputation.decisions.target'), children: <Typography.Text code>{d.ip}</Typography.Text> },
                      { key: 'allow', label: t('reputation.tabs.allowlist'), children: d.allowlisted ? <Tag color="green">{t('reputation.lookup.allowlisted')}</Tag> : <Tag>{t('reputation.lookup.notAllowlisted')}</Tag> },
                    ]}
                  />
                  {can(REPUTATION_WRITES.ban) && !d.allowlisted && <Button danger onClick={() => onBan(d.ip)} data-testid="lookup-ban">{t('reputation.lookup.banThis')}</Button>}
                </Space>
                {settings.data && <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>{t('reputation.lookup.scoreHelp', { ban: settings.data.settings.banScore, log: settings.data.settings.logScore })}</Typography.Paragraph>}
              </Card>
              <Card title={t('reputation.lookup.active')} size="small">
                {d.active.length === 0 ? <Empty description={t('reputation.lookup.noActive')} /> : <DecisionTable rows={d.active} testId="lookup-active" />}
              </Card>
              <Card title={t('reputation.lookup.history')} size="small">
                {d.history.length === 0 ? <Empty description={t('reputation.lookup.noHistory')} /> : <DecisionTable rows={d.history} testId="lookup-history" />}
              </Card>
            </Space>
          )}
        </QueryState>
      )}
    </>
  );
}
