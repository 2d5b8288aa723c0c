import { Button, Card, Empty, Flex, Input, Radio, Space, Tag, Timeline, Typography } from 'antd';
import { DesktopOutlined, FileTextOutlined, GlobalOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryState } from '../../components/QueryState.js';
import { formatTime } from '../../components/time.js';
import { eventsApi, showValue, type EventDoc } from '../events/api.js';
import { flatten, valueAt } from '../events/query-edit.js';
import { TimeRange } from '../events/TimeRange.js';
import { categoryOf, countByCategory, guessKind, summaryOf, targetQuery, type Category, type TargetKind } from './timeline.js';

const PAGE = 200;
const ICONS: Record<Category, ReactNode> = { waf: <SafetyOutlined />, gateway: <GlobalOutlined />, host: <DesktopOutlined />, identity: <UserOutlined />, other: <FileTextOutlined /> };
const COLORS: Record<Category, string> = { waf: 'red', gateway: 'blue', host: 'orange', identity: 'purple', other: 'gray' };

function Entry({ doc }: { doc: EventDoc }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const category = categoryOf(doc);
  const outcome = showValue(valueAt(doc, 'event.outcome'));
  return (
    <div data-testid="timeline-entry">
      <Space wrap size={6}>
        <Typography.Text type="secondary">{formatTime(showValue(doc['@timestamp']), i18n.language)}</Typography.Text>
        <Tag color={COLORS[category]} icon={ICONS[category]}>{t(`incidents.category.${category}`)}</Tag>
        <Typography.Text code>{showValue(valueAt(doc, 'event.dataset'))}</Typography.Text>
        {valueAt(doc, 'event.action') !== undefined && <Typography.Text strong>{showValue(valueAt(doc, 'event.action'))}</Typography.Text>}
        {outcome && <Tag color={outcome === 'failure' ? 'red' : outcome === 'success' ? 'green' : undefined}>{outcome}</Tag>}
        {valueAt(doc, 'user.name') !== undefined && <Typography.Text>{showValue(valueAt(doc, 'user.name'))}</Typography.Text>}
      </Space>
      <div>
        <Typography.Text data-testid="timeline-summary">{summaryOf(doc)}</Typography.Text>{' '}
        <Button type="link" size="small" onClick={() => setOpen((o) => !o)} aria-expanded={open}>{open ? t('incidents.hide') : t('incidents.details')}</Button>
      </div>
      {open && (
        <Card size="small" style={{ marginTop: 4 }}>
          {flatten(doc).map(([k, v]) => (
            <div key={k} style={{ fontSize: 12 }}><Typography.Text code>{k}</Typography.Text> <Typography.Text style={{ wordBreak: 'break-all' }}>{showValue(v)}</Typography.Text></div>
          ))}
        </Card>
      )}
    </div>
  );
}

/**
 * Backtracking: everything an address or a host did, oldest first, across WAF and gateway requests,
 * host agents and identity/API audit events (one events search on source.ip / host.* fields).
 */
export function Incidents() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const kind: TargetKind = params.has('host') ? 'host' : 'ip';
  const target = params.get(kind) ?? '';
  const from = params.get('from') ?? '-7d';
  const to = params.get('to') ?? 'now';
  const [draft, setDraft] = useState(target);
  const [draftKind, setDraftKind] = useState<TargetKind>(kind);
  const [hidden, setHidden] = useState<Set<Category>>(new Set());
  useEffect(() => {
    setDraft(target);
    setDraftKind(kind);
  }, [target, kind]);

  const query = target ? targetQuery(kind, target) : '';
  const timeline = useInfiniteQuery({
    queryKey: ['incident-timeline', query, from, to],
    enabled: target !== '',
    initialPageParam: undefined as Array<string | number | boolean | null> | undefined,
    queryFn: ({ pageParam }) => eventsApi.search({ query, from, to, size: PAGE, sort: ['@timestamp:asc'], ...(pageParam ? { searchAfter: pageParam } : {}) }),
    getNextPageParam: (last) => (last.events.length === PAGE ? last.searchAfter : undefined),
    retry: false,
  });
  const docs = timeline.data?.pages.flatMap((p) => p.events) ?? [];
  const shown = docs.filter((d) => !hidden.has(categoryOf(d)));
  const go = (value: string, k: TargetKind, f = from, tt = to) => {
    const next = new URLSearchParams();
    if (value.trim()) next.set(k, value.trim());
    if (f !== '-7d') next.set('from', f);
    if (tt !== 'now') next.set('to', tt);
    setParams(next);
  };

  return (
    <>
      <PageHeader title={t('incidents.title')} description={t('incidents.description')} />
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Radio.Group value={draftKind} onChange={(e) => setDraftKind(e.target.value as TargetKind)} optionType="button" options={[{ value: 'ip', label: t('incidents.kind.ip') }, { value: 'host', label: t('incidents.kind.host') }]} />
        <Input.Search
          style={{ width: 360 }}
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value);
            if (e.target.value.trim()) setDraftKind(guessKind(e.target.value));
          }}
          placeholder={draftKind === 'ip' ? t('incidents.ipPlaceholder') : t('incidents.hostPlaceholder')}
          aria-label={t('incidents.target')}
          enterButton={t('incidents.trace')}
          data-testid="incident-target"
          onSearch={(v) => go(v, draftKind)}
        />
        <TimeRange from={from} to={to} onChange={(f, tt) => go(target, kind, f, tt)} />
      </Flex>
      {!target ? (
        <Empty description={t('incidents.start')} />
      ) : (
        <QueryState loading={timeline.isLoading} error={timeline.error} retry={() => void timeline.refetch()} empty={docs.length === 0} emptyText={t('incidents.empty', { target })}>
          <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }} data-testid="incident-groups">
            <Typography.Text>{t('incidents.found', { count: docs.length, target })}</Typography.Text>
            {countByCategory(docs).map(({ category, count }) => (
              <Tag.CheckableTag key={category} checked={!hidden.has(category)} data-testid={`group-${category}`} onChange={(on) => setHidden((h) => {
                const next = new Set(h);
                if (on) next.delete(category);
                else next.add(category);
                return next;
              })}>
                <Space size={4}>{ICONS[category]}{t(`incidents.category.${category}`)}{count}</Space>
              </Tag.CheckableTag>
            ))}
            <Link to={`/security/events?${new URLSearchParams({ q: query, from, ...(to !== 'now' ? { to } : {}) }).toString()}`}>{t('incidents.openInSearch')}</Link>
          </Flex>
          <Timeline data-testid="incident-timeline" items={shown.map((d) => ({ key: showValue(valueAt(d, 'event.id')), color: COLORS[categoryOf(d)], dot: ICONS[categoryOf(d)], children: <Entry doc={d} /> }))} />
          {timeline.hasNextPage && <Button onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage}>{t('incidents.more')}</Button>}
        </QueryState>
      )}
    </>
  );
}
