import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Progress, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryState } from '../../components/QueryState.js';
import { formatTime } from '../../components/time.js';

type Status = 'passed' | 'failed' | 'manual' | 'not_applicable';

interface CheckOutcome {
  id: string;
  title: string;
  severity: string;
  status: string;
  counts: { pass: number; fail: number; not_applicable: number };
}

interface Evidence {
  checkId: string;
  status: 'pass' | 'fail' | 'not_applicable';
  resource: { id: string; type: string; file?: string; line?: number };
  message: string;
  evidence: Record<string, unknown>;
}

interface Requirement {
  id: string;
  section: string;
  title: string;
  nameZh?: string;
  status: Status;
  reason: string;
  note?: string;
  checks: CheckOutcome[];
  evidence: Evidence[];
  evidenceOmitted: number;
}

interface Finding {
  checkId: string;
  title: string;
  severity: string;
  resource: { id: string; file?: string; line?: number };
  message: string;
  remediation: { console: string; terraform?: string; cli?: string };
  requirements: string[];
}

interface Report {
  generatedAt: string;
  framework: { id: string; name: string; version: string };
  summary: { requirements: number; passed: number; failed: number; manual: number; notApplicable: number; automated: number; score: number | null; coverage: number };
  requirements: Requirement[];
  findings: Finding[];
}

/** Framework ids and names as the server knows them (names are proper nouns, not translated). */
const FRAMEWORKS = [
  { value: 'cis-alibaba-2.0', label: 'CIS Alibaba Cloud Foundations Benchmark v2.0.0' },
  { value: 'mlps2-l3', label: 'MLPS 2.0 Level 3 (GB/T 22239-2019)' },
  { value: 'iso27001-2022', label: 'ISO/IEC 27001:2022 Annex A' },
  { value: 'pci-dss-4.0', label: 'PCI DSS v4.0' },
];

const STATUS_COLOR: Record<string, string> = { passed: 'green', failed: 'red', manual: 'gold', not_applicable: 'default', pass: 'green', fail: 'red' };
const SEVERITY_COLOR: Record<string, string> = { critical: 'magenta', high: 'red', medium: 'orange', low: 'gold', info: 'default' };
const DOWNLOADS = [
  { format: 'html', ext: 'html', query: 'format=html' },
  { format: 'sarif', ext: 'sarif', query: 'format=sarif' },
  { format: 'json', ext: 'json', query: 'format=json&download=1' },
] as const;

function scoreColour(score: number | null): string {
  if (score === null) return '#bfbfbf';
  return score >= 80 ? '#52c41a' : score >= 50 ? '#fa8c16' : '#f5222d';
}

/** The results behind one check of a requirement: resource, outcome, message and the values read. */
function EvidenceTable({ rows }: { rows: Evidence[] }) {
  const { t } = useTranslation();
  return (
    <Table<Evidence>
      size="small"
      rowKey={(e, i) => `${e.resource.id}/${i ?? 0}`}
      pagination={false}
      dataSource={rows}
      data-testid="evidence"
      locale={{ emptyText: t('compliance.noEvidence') }}
      columns={[
        { title: t('compliance.resource'), render: (_: unknown, e) => (e.resource.file ? `${e.resource.id} (${e.resource.file}${e.resource.line ? `:${e.resource.line}` : ''})` : e.resource.id) },
        { title: t('compliance.outcome'), dataIndex: 'status', width: 120, render: (v: string) => <Tag color={STATUS_COLOR[v]}>{t(`compliance.results.${v}`)}</Tag> },
        { title: t('compliance.message'), dataIndex: 'message' },
        { title: t('compliance.values'), render: (_: unknown, e) => <Typography.Text code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{JSON.stringify(e.evidence)}</Typography.Text> },
      ]}
    />
  );
}

/** Posture against the compliance frameworks: all four scores, requirements → checks → evidence, findings with remediation, reports. */
export function Compliance() {
  const { t, i18n } = useTranslation();
  const [framework, setFramework] = useState(FRAMEWORKS[0]!.value);
  const queries = useQueries({
    queries: FRAMEWORKS.map((f) => ({ queryKey: ['posture-report', f.value], queryFn: () => api.get<{ Report: Report }>('/posture/report', { framework: f.value }) })),
  });
  const index = FRAMEWORKS.findIndex((f) => f.value === framework);
  const q = queries[index]!;
  const report = q.data?.Report;
  const s = report?.summary;
  const tiles: Array<[string, number | string | undefined]> = [
    ['score', s ? (s.score === null ? '—' : `${s.score}%`) : undefined],
    ['passed', s?.passed],
    ['failed', s?.failed],
    ['manual', s?.manual],
    ['notApplicable', s?.notApplicable],
    ['coverage', s ? `${s.coverage}%` : undefined],
  ];
  return (
    <>
      <PageHeader
        title={t('compliance.title')}
        description={t('compliance.description')}
        actions={
          <Space wrap>
            {DOWNLOADS.map((d) => (
              <Button key={d.format} icon={<DownloadOutlined />} href={`/console/api/posture/report?framework=${encodeURIComponent(framework)}&${d.query}`} download={`bulwark-${framework}.${d.ext}`} data-testid={`download-${d.format}`}>
                {t(`compliance.downloads.${d.format}`)}
              </Button>
            ))}
          </Space>
        }
      />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {FRAMEWORKS.map((f, i) => {
          const r = queries[i]!.data?.Report;
          const score = r?.summary.score ?? null;
          return (
            <Col key={f.value} xs={24} md={12} xl={6}>
              <Card hoverable size="small" onClick={() => setFramework(f.value)} data-testid={`framework-${f.value}`} aria-pressed={f.value === framework}
                style={f.value === framework ? { borderColor: '#1677ff', boxShadow: '0 0 0 1px #1677ff' } : undefined}>
                <Space align="center">
                  <Progress type="circle" size={64} percent={score ?? 0} strokeColor={scoreColour(score)} format={() => (r ? (score === null ? '—' : `${score}%`) : '…')} />
                  <div>
                    <Typography.Text strong>{f.label}</Typography.Text>
                    <br />
                    <Typography.Text type="secondary">{r ? t('compliance.cardCounts', { passed: r.summary.passed, failed: r.summary.failed, manual: r.summary.manual }) : ''}</Typography.Text>
                  </div>
                </Space>
              </Card>
            </Col>
          );
        })}
      </Row>
      <QueryState loading={q.isLoading} error={q.error} retry={() => void q.refetch()}>
        <Typography.Title level={4} data-testid="framework-title">{FRAMEWORKS[index]!.label}</Typography.Title>
        <Row gutter={[16, 16]}>
          {tiles.map(([key, value]) => (
            <Col key={key} xs={12} md={8} xl={4}>
              <Card data-testid={`summary-${key}`}>
                <Statistic title={t(`compliance.summary.${key}`)} value={value ?? '—'} />
              </Card>
            </Col>
          ))}
        </Row>
        {report && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('compliance.generated', { time: formatTime(report.generatedAt, i18n.language), automated: report.summary.automated, total: report.summary.requirements })}
          </Typography.Paragraph>
        )}
        <Card title={t('compliance.requirements')} style={{ marginTop: 16 }}>
          <Table<Requirement>
            size="small"
            rowKey="id"
            dataSource={report?.requirements ?? []}
            pagination={{ pageSize: 50 }}
            data-testid="requirements"
            expandable={{
              rowExpandable: (r) => r.checks.length > 0 || r.reason !== '',
              expandedRowRender: (r) => (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Typography.Text type="secondary">{r.reason}</Typography.Text>
                  {r.note && <Typography.Text type="secondary">{r.note}</Typography.Text>}
                  {r.checks.length > 0 && (
                    <Table<CheckOutcome>
                      size="small"
                      rowKey="id"
                      pagination={false}
                      dataSource={r.checks}
                      data-testid="checks"
                      expandable={{
                        rowExpandable: (c) => r.evidence.some((e) => e.checkId === c.id),
                        expandedRowRender: (c) => (
                          <>
                            <EvidenceTable rows={r.evidence.filter((e) => e.checkId === c.id)} />
                            {r.evidenceOmitted > 0 && <Typography.Text type="secondary">{t('compliance.evidenceOmitted', { n: r.evidenceOmitted })}</Typography.Text>}
                          </>
                        ),
                      }}
                      columns={[
                        { title: t('compliance.check'), render: (_: unknown, c) => `${c.id} ${c.title}` },
                        { title: t('compliance.severity'), dataIndex: 'severity', render: (v: string) => <Tag color={SEVERITY_COLOR[v]}>{v}</Tag> },
                        { title: t('compliance.outcome'), dataIndex: 'status', render: (v: string) => <Tag color={STATUS_COLOR[v]}>{t(`compliance.results.${v}`)}</Tag> },
                        { title: t('compliance.counts'), render: (_: unknown, c) => `${c.counts.pass} / ${c.counts.fail} / ${c.counts.not_applicable}` },
                      ]}
                    />
                  )}
                </Space>
              ),
            }}
            columns={[
              { title: t('compliance.id'), dataIndex: 'id', width: 110 },
              { title: t('compliance.requirement'), render: (_: unknown, r) => (r.nameZh && i18n.language === 'zh-CN' ? `${r.nameZh} (${r.title})` : r.nameZh ? `${r.title} (${r.nameZh})` : r.title) },
              { title: t('compliance.section'), dataIndex: 'section', responsive: ['lg'] },
              {
                title: t('compliance.status'), dataIndex: 'status', width: 140, render: (v: Status) => <Tag color={STATUS_COLOR[v]}>{t(`compliance.statuses.${v}`)}</Tag>,
                filters: (['passed', 'failed', 'manual', 'not_applicable'] as const).map((v) => ({ text: t(`compliance.statuses.${v}`), value: v })),
                onFilter: (value, r) => r.status === value,
              },
            ]}
          />
        </Card>
        <Card title={t('compliance.findings', { n: report?.findings.length ?? 0 })} style={{ marginTop: 16 }}>
          <Table<Finding>
            size="small"
            rowKey={(f) => `${f.checkId}/${f.resource.id}`}
            dataSource={report?.findings ?? []}
            pagination={{ pageSize: 20 }}
            data-testid="findings"
            locale={{ emptyText: t('compliance.noFindings') }}
            expandable={{
              expandedRowRender: (f) => (
                <Descriptions size="small" column={1} bordered>
                  <Descriptions.Item label={t('compliance.remediation')}>{f.remediation.console}</Descriptions.Item>
                  {f.remediation.cli && <Descriptions.Item label={t('compliance.cli')}><pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{f.remediation.cli}</pre></Descriptions.Item>}
                  {f.remediation.terraform && <Descriptions.Item label={t('compliance.terraform')}><pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{f.remediation.terraform}</pre></Descriptions.Item>}
                </Descriptions>
              ),
            }}
            columns={[
              { title: t('compliance.severity'), dataIndex: 'severity', width: 100, render: (v: string) => <Tag color={SEVERITY_COLOR[v]}>{v}</Tag> },
              { title: t('compliance.check'), render: (_: unknown, f) => `${f.checkId} ${f.title}` },
              { title: t('compliance.resource'), render: (_: unknown, f) => (f.resource.file ? `${f.resource.id} (${f.resource.file}:${f.resource.line ?? ''})` : f.resource.id) },
              { title: t('compliance.message'), dataIndex: 'message' },
              { title: t('compliance.requirementIds'), render: (_: unknown, f) => f.requirements.join(', ') },
            ]}
          />
        </Card>
      </QueryState>
    </>
  );
}
