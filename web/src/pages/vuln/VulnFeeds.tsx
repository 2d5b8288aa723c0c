import { InboxOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Segmented, Space, Table, Tag, Typography, Upload } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../api/errors.js';
import { useCan } from '../../auth/session.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryState } from '../../components/QueryState.js';
import { formatTime } from '../../components/time.js';
import { hostsApi, type HostSummary } from '../hosts/api.js';
import { FEEDS_KEY, IMPORT_FEED_ACTION, useFeeds, vulnApi, type FeedImportResult, type FeedRecord } from './api.js';
import { feedRequest, type FeedFormat } from './feed-file.js';

type Choice = FeedFormat | 'auto';

function ImportResult({ r }: { r: FeedImportResult }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 2, xl: 4 }}
      title={t('vuln.import.done', { source: r.source })}
      data-testid="import-result"
      items={[
        { key: 'advisories', label: t('vuln.result.advisories'), children: r.advisories },
        { key: 'ranges', label: t('vuln.result.ranges'), children: r.ranges },
        { key: 'notAffected', label: t('vuln.result.notAffected'), children: r.notAffected },
        { key: 'skipped', label: t('vuln.result.skipped'), children: r.skipped },
        { key: 'hosts', label: t('vuln.result.hosts'), children: r.hosts.hosts },
        { key: 'opened', label: t('vuln.result.opened'), children: r.hosts.opened },
        { key: 'resolved', label: t('vuln.result.resolved'), children: r.hosts.resolved },
      ]}
    />
  );
}

/** Hosts with open findings, each linking to its vulnerabilities tab. */
function VulnerableHosts() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['hosts-summary', 'vulnerable'], queryFn: () => hostsApi.summary({ filter: '', pageNumber: 1, pageSize: 100 }) });
  const rows = (q.data?.Hosts ?? []).filter((h) => h.Vulnerabilities.Total > 0).sort((a, b) => b.Vulnerabilities.Critical - a.Vulnerabilities.Critical || b.Vulnerabilities.Total - a.Vulnerabilities.Total);
  const count = (color: string) => (n: number) => (n > 0 ? <Tag color={color}>{n}</Tag> : <Typography.Text type="secondary">{n}</Typography.Text>);
  return (
    <Card title={t('vuln.hosts.title')} size="small" extra={<Link to="/hosts">{t('vuln.hosts.allHosts')}</Link>}>
      <QueryState loading={q.isLoading} error={q.error} retry={() => void q.refetch()} empty={rows.length === 0} emptyText={t('vuln.hosts.empty')}>
        <Table<HostSummary>
          size="small"
          rowKey="HostId"
          dataSource={rows}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: t('vuln.hosts.host'), dataIndex: 'Hostname', render: (v: string, h) => <Link to={`/hosts/${encodeURIComponent(h.HostId)}?tab=vulns`}>{v || h.HostId}</Link> },
            { title: t('vuln.hosts.critical'), dataIndex: ['Vulnerabilities', 'Critical'], render: count('red') },
            { title: t('vuln.hosts.high'), dataIndex: ['Vulnerabilities', 'High'], render: count('orange') },
            { title: t('vuln.hosts.medium'), dataIndex: ['Vulnerabilities', 'Medium'], render: count('gold') },
            { title: t('vuln.hosts.low'), dataIndex: ['Vulnerabilities', 'Low'], render: count('blue') },
            { title: t('vuln.hosts.total'), dataIndex: ['Vulnerabilities', 'Total'] },
          ]}
        />
      </QueryState>
    </Card>
  );
}

/** Vulnerability feeds: import an OSV / Debian tracker file, see what each import stored, and the hosts it affects. */
export function VulnFeeds() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const q = useFeeds();
  const [format, setFormat] = useState<Choice>('auto');
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<FeedImportResult>();
  const feeds = q.data?.feeds ?? [];
  const upload = async (file: File) => {
    setError(undefined);
    setResult(undefined);
    setStatus(t('vuln.import.reading', { name: file.name }));
    try {
      const req = feedRequest(file.name, file.size, file.size > 256 * 1024 * 1024 ? '' : await file.text(), format);
      if (!req.ok) {
        setError(req.reason === 'notJson' ? t('vuln.import.notJson', { detail: req.detail ?? '' }) : t(`vuln.import.${req.reason}`));
        return;
      }
      const shown = req.body.format ?? req.guessed;
      setStatus(t('vuln.import.importing', { name: file.name, format: shown ? t(`vuln.import.formats.${shown}`) : t('vuln.import.formats.auto') }));
      setResult(await vulnApi.importFeed(req.body));
      await qc.invalidateQueries({ queryKey: FEEDS_KEY });
      await qc.invalidateQueries({ queryKey: ['hosts-summary'] });
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setStatus(undefined);
    }
  };
  return (
    <>
      <PageHeader title={t('vuln.title')} description={t('vuln.description')} />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card title={t('vuln.import.title')} size="small">
          {can(IMPORT_FEED_ACTION) ? (
            <>
              <Typography.Paragraph type="secondary">{t('vuln.import.intro')}</Typography.Paragraph>
              <Space style={{ marginBottom: 12 }}>
                <Typography.Text>{t('vuln.import.format')}</Typography.Text>
                <Segmented<Choice> value={format} onChange={setFormat} options={(['auto', 'osv', 'debian'] as const).map((f) => ({ value: f, label: t(`vuln.import.formats.${f}`) }))} />
              </Space>
              <Upload.Dragger
                accept=".json,application/json"
                multiple={false}
                showUploadList={false}
                disabled={status !== undefined}
                beforeUpload={(file) => {
                  void upload(file);
                  return false;
                }}
                data-testid="feed-upload"
              >
                <p className="ant-upload-drag-icon"><InboxOutlined /></p>
                <p className="ant-upload-text">{status ?? t('vuln.import.drop')}</p>
              </Upload.Dragger>
              {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="import-error" />}
              {result && <div style={{ marginTop: 12 }}><ImportResult r={result} /></div>}
            </>
          ) : (
            <Alert type="info" showIcon title={t('vuln.import.noWrite')} />
          )}
        </Card>
        <Card title={t('vuln.feeds.title')} size="small">
          <QueryState loading={q.isLoading} error={q.error} retry={() => void q.refetch()} empty={feeds.length === 0} emptyText={t('vuln.feeds.empty')}>
            <Table<FeedRecord>
              size="small"
              rowKey="id"
              dataSource={feeds}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              data-testid="feed-table"
              columns={[
                { title: t('vuln.feeds.source'), dataIndex: 'source', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
                { title: t('vuln.feeds.format'), dataIndex: 'format', render: (v: string) => <Tag>{v === 'osv' || v === 'debian' ? t(`vuln.import.formats.${v}`) : v}</Tag> },
                { title: t('vuln.feeds.advisories'), dataIndex: 'advisories' },
                { title: t('vuln.feeds.ranges'), dataIndex: 'ranges' },
                { title: t('vuln.feeds.notAffected'), dataIndex: 'notAffected', responsive: ['lg'] },
                { title: t('vuln.feeds.skipped'), dataIndex: 'skipped', responsive: ['lg'] },
                { title: t('vuln.feeds.importedBy'), dataIndex: 'importedBy' },
                { title: t('vuln.feeds.importedAt'), dataIndex: 'importedAt', render: (v: string) => formatTime(v, i18n.language) },
              ]}
            />
          </QueryState>
        </Card>
        <VulnerableHosts />
      </Space>
    </>
  );
}
