import { Descriptions, Empty, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../components/time.js';
import type { Check, CheckResult, Policy } from './api.js';

const RESULT_COLOR: Record<CheckResult, string> = { passed: 'green', failed: 'red', 'not applicable': 'default' };

const pre = { margin: 0, whiteSpace: 'pre-wrap', fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12 } as const;

/** What a check is about and how to fix it: rationale, remediation, the rules that decide it. */
function CheckDetails({ c }: { c: Check }) {
  const { t } = useTranslation();
  const compliance = Object.entries(c.Compliance);
  return (
    <Descriptions size="small" column={1} bordered data-testid={`check-details-${c.CheckId}`} items={[
      ...(c.Description ? [{ key: 'description', label: t('hosts.baseline.description'), children: <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{c.Description}</Typography.Paragraph> }] : []),
      ...(c.Rationale ? [{ key: 'rationale', label: t('hosts.baseline.rationale'), children: <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{c.Rationale}</Typography.Paragraph> }] : []),
      { key: 'remediation', label: t('hosts.baseline.remediation'), children: c.Remediation ? <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="remediation">{c.Remediation}</Typography.Paragraph> : <Typography.Text type="secondary">{t('hosts.baseline.noRemediation')}</Typography.Text> },
      ...(c.Reason ? [{ key: 'reason', label: t('hosts.baseline.reason'), children: c.Reason }] : []),
      ...(c.Rules && c.Rules.length > 0 ? [{ key: 'rules', label: t('hosts.baseline.rules', { condition: t(`hosts.baseline.conditions.${c.Condition ?? 'all'}`) }), children: <pre style={pre}>{c.Rules.join('\n')}</pre> }] : []),
      ...(compliance.length > 0 ? [{ key: 'compliance', label: t('hosts.baseline.compliance'), children: compliance.map(([k, v]) => <Tag key={k}>{k}: {v.join(', ')}</Tag>) }] : []),
      ...(c.References && c.References.length > 0 ? [{ key: 'references', label: t('hosts.baseline.references'), children: <Space direction="vertical" size={0}>{c.References.map((r) => (/^https?:\/\//.test(r) ? <Typography.Link key={r} href={r} target="_blank" rel="noreferrer">{r}</Typography.Link> : <span key={r}>{r}</span>))}</Space> }] : []),
    ]} />
  );
}

/** Baseline results by policy with per-check status; a check expands to its rationale, remediation and rules. */
export function BaselineTab({ policies, checks }: { policies: Policy[]; checks: Check[] }) {
  const { t, i18n } = useTranslation();
  const [policy, setPolicy] = useState<string>();
  const [only, setOnly] = useState<'failed' | 'all'>('failed');
  if (policies.length === 0) return <Empty description={t('hosts.baseline.empty')} />;
  const current = policy ?? policies[0]!.PolicyId;
  const rows = checks.filter((c) => c.PolicyId === current && (only === 'all' || c.Result === 'failed'));
  return (
    <>
      <Table<Policy>
        size="small"
        rowKey="PolicyId"
        pagination={false}
        dataSource={policies}
        style={{ marginBottom: 16 }}
        rowSelection={{ type: 'radio', selectedRowKeys: [current], onChange: (keys) => setPolicy(String(keys[0])) }}
        onRow={(p) => ({ onClick: () => setPolicy(p.PolicyId), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('hosts.baseline.policy'), render: (_: unknown, p) => (
            <Space direction="vertical" size={0}>
              <span>{p.Name}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.Skipped ? t('hosts.baseline.skipped', { reason: p.Skipped }) : p.PolicyId}</Typography.Text>
            </Space>
          ) },
          { title: t('hosts.baseline.passRate'), dataIndex: 'PassRate', render: (v: number) => `${v}%`, width: 100 },
          { title: t('hosts.baseline.passed'), dataIndex: 'Passed', width: 90 },
          { title: t('hosts.baseline.failed'), dataIndex: 'Failed', width: 90, render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v) },
          { title: t('hosts.baseline.na'), dataIndex: 'NotApplicable', width: 110 },
          { title: t('hosts.baseline.scanned'), dataIndex: 'ScannedAt', render: (v: string) => formatTime(v, i18n.language) },
        ]}
      />
      <Segmented<'failed' | 'all'> style={{ marginBottom: 12 }} value={only} onChange={setOnly} options={[{ value: 'failed', label: t('hosts.baseline.onlyFailed') }, { value: 'all', label: t('hosts.baseline.all') }]} />
      <Table<Check>
        size="small"
        rowKey={(c) => `${c.PolicyId}/${c.CheckId}`}
        dataSource={rows}
        pagination={{ pageSize: 50 }}
        expandable={{ expandedRowRender: (c) => <CheckDetails c={c} />, expandRowByClick: true }}
        columns={[
          { title: t('hosts.baseline.check'), render: (_: unknown, c) => <span data-testid={`check-${c.CheckId}`}>{c.CheckId} {c.Title}</span> },
          { title: t('hosts.baseline.result'), dataIndex: 'Result', width: 110, render: (r: CheckResult) => <Tag color={RESULT_COLOR[r]}>{t(`hosts.baseline.results.${r}`)}</Tag> },
          { title: t('hosts.baseline.since'), dataIndex: 'Since', width: 200, render: (v: string) => formatTime(v, i18n.language), responsive: ['md'] },
        ]}
      />
    </>
  );
}
