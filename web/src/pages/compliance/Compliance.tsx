import { Button, Card, Col, Descriptions, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
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

interface Requirement {
  id: string;
  section: string;
  title: string;
  nameZh?: string;
  status: Status;
  reason: string;
  note?: string;
  checks: CheckOutcome[];
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

const STATUS_COLOR: Record<Status, string> = { passed: 'green', failed: 'red', manual: 'gold', not_applicable: 'default' };
const SEVERITY_COLOR: Record<string, string> = { critical: 'magenta', high: 'red', medium: 'orange', low: 'gold', info: 'default' };

/** Posture against a compliance framework: score, requirements with their checks, findings with remediation. */
export function Compliance() {
  const { t, i18n } = useTranslation();
  const [framework, setFramework] = useState(FRAMEWORKS[0]!.value);
  const q = useQuery({ queryKey: ['posture-report', framework], queryFn: () => api.get<{ Report: Report }>('/posture/report', { framework }) });
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
      <PageHeader title={t('compliance.title')} description={t('compliance.description')} />
      <Space style={{ marginBottom: 16 }} wrap>
        <Typography.Text>{t('compliance.framework')}</Typography.Text>
        <Select style={{ width: 380 }} value={framework} onChange={setFramework} options={FRAMEWORKS} data-testid="framework" />
        <Button href={`/console/api/posture/report?framework=${encodeURIComponent(framework)}&format=html`} download={`bulwark-${framework}.html`}>
          {t('compliance.download')}
        </Button>
      </Space>
      <QueryState loading={q.isLoading} error={q.error} retry={() => void q.refetch()}>
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
            expandable={{
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
                      columns={[
                        { title: t('compliance.check'), render: (_: unknown, c) => `${c.id} ${c.title}` },
                        { title: t('compliance.severity'), dataIndex: 'severity', render: (v: string) => <Tag color={SEVERITY_COLOR[v]}>{v}</Tag> },
                        { title: t('compliance.outcome'), dataIndex: 'status' },
                        { title: t('compliance.counts'), render: (_: unknown, c) => `${c.counts.pass} / ${c.counts.fail} / ${c.counts.not_applicable}` },
                      ]}
                    />
                  )}
                </Space>
              ),
            }}
            columns={[
              { title: t('compliance.id'), dataIndex: 'id', width: 110 },
              { title: t('compliance.requirement'), render: (_: unknown, r) => (r.nameZh ? `${r.title} (${r.nameZh})` : r.title) },
              { title: t('compliance.section'), dataIndex: 'section', responsive: ['lg'] },
              { title: t('compliance.status'), dataIndex: 'status', width: 140, render: (v: Status) => <Tag color={STATUS_COLOR[v]}>{t(`compliance.statuses.${v}`)}</Tag> },
            ]}
          />
        </Card>
        <Card title={t('compliance.findings', { n: report?.findings.length ?? 0 })} style={{ marginTop: 16 }}>
          <Table<Finding>
            size="small"
            rowKey={(f) => `${f.checkId}/${f.resource.id}`}
            dataSource={report?.findings ?? []}
            pagination={{ pageSize: 20 }}
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
