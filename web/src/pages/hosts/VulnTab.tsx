import { Segmented, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/CopyButton.js';
import { QueryState } from '../../components/QueryState.js';
import { formatTime } from '../../components/time.js';
import { hostsApi, type VulnFinding } from './api.js';

export const SEVERITY_COLOR: Record<string, string> = { critical: 'red', high: 'orange', medium: 'gold', low: 'blue', negligible: 'default', unknown: 'default' };
type Status = 'open' | 'resolved' | 'all';

/** The host's vulnerability findings, most severe first, each with the command that fixes it. */
export function VulnTab({ hostId }: { hostId: string }) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<Status>('open');
  const q = useQuery({ queryKey: ['host-vulns', hostId, status], queryFn: () => hostsApi.vulns(hostId, status) });
  const rows = q.data?.findings ?? [];
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Typography.Text>{t('hosts.vulns.status')}</Typography.Text>
        <Segmented<Status> value={status} onChange={setStatus} options={(['open', 'resolved', 'all'] as const).map((s) => ({ value: s, label: t(`hosts.vulns.statuses.${s}`) }))} />
      </Space>
      <QueryState loading={q.isLoading} error={q.error} retry={() => void q.refetch()} empty={rows.length === 0} emptyText={t('hosts.vulns.empty')}>
        <Table<VulnFinding>
          size="small"
          rowKey={(f) => `${f.advisoryId}/${f.package}`}
          dataSource={rows}
          pagination={{ pageSize: 20 }}
          expandable={{ expandedRowRender: (f) => <Typography.Paragraph style={{ margin: 0 }}>{f.summary}{f.aliases.length > 0 ? ` (${f.aliases.join(', ')})` : ''}</Typography.Paragraph> }}
          columns={[
            { title: t('hosts.vulns.severity'), dataIndex: 'severity', width: 100, render: (s: string) => <Tag color={SEVERITY_COLOR[s]}>{s}</Tag> },
            { title: t('hosts.vulns.advisory'), dataIndex: 'advisoryId' },
            { title: t('hosts.vulns.package'), dataIndex: 'package' },
            { title: t('hosts.vulns.installed'), dataIndex: 'installedVersion', responsive: ['lg'] },
            { title: t('hosts.vulns.fixed'), dataIndex: 'fixedVersion', render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('hosts.vulns.noFix')}</Typography.Text> },
            { title: t('hosts.vulns.score'), dataIndex: 'score', width: 80, responsive: ['xl'] },
            { title: t('hosts.vulns.firstSeen'), dataIndex: 'firstSeen', render: (v: string) => formatTime(v, i18n.language), responsive: ['xl'] },
            {
              title: t('hosts.vulns.fix'),
              render: (_: unknown, f) =>
                f.remediation && f.status === 'open' ? (
                  <Space>
                    <Typography.Text code>{f.remediation}</Typography.Text>
                    <CopyButton value={f.remediation} />
                  </Space>
                ) : null,
            },
          ]}
        />
      </QueryState>
    </>
  );
}
