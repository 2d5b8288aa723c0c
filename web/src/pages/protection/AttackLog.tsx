import { SettingOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Form, Input, List, Popover, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryState } from '../../components/QueryState.js';
import { formatTime } from '../../components/time.js';
import { AttackDrawer } from './AttackDrawer.js';
import { attackQuery, TOP_AGGREGATIONS, toAttackRow, type AttackFilters, type AttackRow } from './attack-query.js';
import { useSites } from './sites-api.js';

interface SearchResult {
  total: number;
  events: Array<Record<string, unknown>>;
  searchAfter?: Array<string | number | boolean | null>;
  aggregations: Array<{ kind: string; field?: string; buckets?: Array<{ key: string | number | boolean | null; count: number }> }>;
}

const PAGE = 20;
const RANGES = ['-15m', '-1h', '-24h', '-7d', '-30d'] as const;
const TOP_TITLES = ['topSites', 'topPaths', 'topRules', 'topIps'] as const;

/** Columns that can be hidden, and this browser's choice (kept across visits). */
const OPTIONAL = ['site', 'sourceIp', 'rules', 'messages', 'matchedData', 'score', 'action'] as const;
type Optional = (typeof OPTIONAL)[number];
const COLUMNS_KEY = 'bulwark.attacks.columns';

function savedColumns(): Optional[] {
  try {
    const v = JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? 'null') as unknown;
    if (Array.isArray(v)) return OPTIONAL.filter((k) => v.includes(k));
  } catch {
    /* the default */
  }
  return [...OPTIONAL];
}

function TopCards({ filters }: { filters: AttackFilters }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['attack-top', filters],
    queryFn: () => api.post<SearchResult>('/events/search', { query: attackQuery(filters), from: filters.range, size: 0, aggs: [...TOP_AGGREGATIONS] }),
  });
  return (
    <Row gutter={16} style={{ marginBottom: 16 }}>
      {TOP_TITLES.map((key, i) => (
        <Col key={key} xs={24} md={12} xl={6}>
          <Card size="small" title={t(`protection.attacks.${key}`)} loading={q.isLoading} data-testid={`top-${key}`}>
            <List
              size="small"
              locale={{ emptyText: t('protection.attacks.noData') }}
              dataSource={q.data?.aggregations[i]?.buckets ?? []}
              renderItem={(b) => (
                <List.Item style={{ padding: '2px 0' }} extra={<Tag>{b.count}</Tag>}>
                  <Typography.Text ellipsis style={{ maxWidth: 200 }}>{String(b.key)}</Typography.Text>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** Blocked and detected requests of the gateways (from the event store): filters, top cards, detail and "add exclusion". */
export function AttackLog() {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<AttackFilters>();
  const [filters, setFilters] = useState<AttackFilters>({ range: '-24h' });
  const [cursors, setCursors] = useState<Array<SearchResult['searchAfter']>>([]);
  const [selected, setSelected] = useState<AttackRow>();
  const sites = useSites();
  const after = cursors[cursors.length - 1];
  const q = useQuery({
    queryKey: ['attacks', filters, after],
    queryFn: () => api.post<SearchResult>('/events/search', { query: attackQuery(filters), from: filters.range, size: PAGE, sort: ['@timestamp:desc'], ...(after ? { searchAfter: after } : {}) }),
  });
  const rows = (q.data?.events ?? []).map(toAttackRow);
  const [shown, setShown] = useState<Optional[]>(savedColumns);
  const choose = (keys: Optional[]) => {
    setShown(keys);
    localStorage.setItem(COLUMNS_KEY, JSON.stringify(keys));
  };
  const columns: ColumnsType<AttackRow> = [
    { key: 'time', title: t('protection.attacks.time'), dataIndex: 'time', width: 170, render: (v: string) => formatTime(v, i18n.language) },
    { key: 'site', title: t('protection.attacks.site'), dataIndex: 'site', width: 110 },
    { key: 'sourceIp', title: t('protection.attacks.sourceIp'), dataIndex: 'sourceIp', width: 130 },
    { key: 'request', title: t('protection.attacks.request'), width: 260, render: (_: unknown, r) => <Typography.Text code ellipsis style={{ maxWidth: 250 }}>{`${r.method} ${r.path}${r.query ? `?${r.query}` : ''}`}</Typography.Text> },
    { key: 'rules', title: t('protection.attacks.rules'), width: 150, render: (_: unknown, r) => <Space size={2} wrap>{r.rules.map((id) => <Tag key={id}>{id}</Tag>)}</Space> },
    { key: 'messages', title: t('protection.attacks.messages'), width: 260, render: (_: unknown, r) => <Typography.Text ellipsis style={{ maxWidth: 250 }}>{r.messages.join(' · ')}</Typography.Text> },
    { key: 'matchedData', title: t('protection.attacks.matchedData'), dataIndex: 'matchedData', width: 150, render: (v: string) => v && <Typography.Text code ellipsis style={{ maxWidth: 140 }}>{v}</Typography.Text> },
    { key: 'score', title: t('protection.attacks.score'), dataIndex: 'score', width: 80 },
    { key: 'action', title: t('protection.attacks.action'), width: 110, render: (_: unknown, r) => (r.blocked ? <Tag color="red">{t('protection.attacks.blocked')}</Tag> : <Tag color="gold">{t('protection.attacks.detected')}</Tag>) },
  ];
  const qc = useQueryClient();
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['attacks'] });
    void qc.invalidateQueries({ queryKey: ['attack-top'] });
  };
  return (
    <>
      <PageHeader title={t('protection.attacks.title')} description={t('protection.attacks.description')} actions={<Button onClick={refresh} data-testid="attacks-refresh">{t('protection.attacks.refresh')}</Button>} />
      <Form form={form} layout="inline" initialValues={filters} style={{ marginBottom: 16, rowGap: 8 }} onFinish={(v) => {
        setCursors([]);
        setFilters({ ...v });
      }}>
        <Form.Item name="site" label={t('protection.attacks.site')}>
          <Select allowClear showSearch style={{ width: 160 }} options={(sites.data?.sites ?? []).map((s) => ({ value: s.name, label: s.name }))} data-testid="filter-site" />
        </Form.Item>
        <Form.Item name="sourceIp" label={t('protection.attacks.sourceIp')}><Input allowClear style={{ width: 150 }} placeholder="203.0.113.0/24" data-testid="filter-ip" /></Form.Item>
        <Form.Item name="ruleId" label={t('protection.attacks.ruleId')}><Input allowClear style={{ width: 120 }} placeholder="942100" data-testid="filter-rule" /></Form.Item>
        <Form.Item name="action" label={t('protection.attacks.action')}>
          <Select allowClear style={{ width: 130 }} options={[{ value: 'blocked', label: t('protection.attacks.blocked') }, { value: 'detected', label: t('protection.attacks.detected') }]} />
        </Form.Item>
        <Form.Item name="range" label={t('protection.attacks.range')}>
          <Select style={{ width: 150 }} options={RANGES.map((r) => ({ value: r, label: t(`protection.ranges.${r.slice(1)}`) }))} />
        </Form.Item>
        <Form.Item><Button type="primary" htmlType="submit" data-testid="attacks-search">{t('protection.attacks.search')}</Button></Form.Item>
        <Form.Item>
          <Popover trigger="click" placement="bottomLeft" title={t('protection.attacks.columns')} content={
            <Checkbox.Group<Optional> style={{ display: 'flex', flexDirection: 'column', gap: 4 }} value={shown} onChange={choose} options={OPTIONAL.map((k) => ({ value: k, label: t(`protection.attacks.${k}`) }))} />
          }>
            <Button icon={<SettingOutlined />} data-testid="attack-columns">{t('protection.attacks.columns')}</Button>
          </Popover>
        </Form.Item>
      </Form>
      <TopCards filters={filters} />
      <QueryState loading={q.isLoading} error={q.error} retry={refresh} empty={rows.length === 0 && cursors.length === 0} emptyText={t('protection.attacks.empty')}>
        <Typography.Paragraph type="secondary">{t('protection.attacks.total', { count: q.data?.total ?? 0 })}</Typography.Paragraph>
        <Table<AttackRow>
          rowKey="key"
          size="middle"
          dataSource={rows}
          pagination={false}
          scroll={{ x: 1300 }}
          onRow={(r) => ({ onClick: () => setSelected(r), style: { cursor: 'pointer' } })}
          columns={columns.filter((c) => !(OPTIONAL as readonly string[]).includes(String(c.key)) || shown.includes(c.key as Optional))}
        />
        <Space style={{ marginTop: 12 }}>
          <Button size="small" disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>{t('common.previous')}</Button>
          <Button size="small" disabled={!q.data?.searchAfter || rows.length < PAGE} onClick={() => setCursors((c) => [...c, q.data!.searchAfter])}>{t('common.next')}</Button>
        </Space>
      </QueryState>
      <AttackDrawer attack={selected} onClose={() => setSelected(undefined)} />
    </>
  );
}
