import { Flex, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.js';
import { Pager } from '../../components/Pager.js';
import { QueryState } from '../../components/QueryState.js';
import { formatTime } from '../../components/time.js';
import { eventsApi, showValue, type EventDoc, type QueryProblem, type SortValue } from './api.js';
import { EventDrawer } from './EventDrawer.js';
import { Histogram } from './Histogram.js';
import { QueryBox } from './QueryBox.js';
import { addFilter, valueAt } from './query-edit.js';
import { SavedSearches } from './SavedSearches.js';
import { boundMs, histogramInterval, paramsFromState, stateFromParams, type SearchState } from './search-state.js';
import { TimeRange } from './TimeRange.js';

const PAGE_SIZE = 50;

/** Security-center event search: query language with completion and positioned errors, histogram, columns, detail, saved searches. */
export function EventSearch() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => stateFromParams(params), [params]);
  const [draft, setDraft] = useState(state.query);
  const [problem, setProblem] = useState<QueryProblem>();
  const [cursors, setCursors] = useState<SortValue[][]>([]);
  const [selected, setSelected] = useState<EventDoc>();
  const [savedName, setSavedName] = useState<string>();
  const [runs, setRuns] = useState(0);

  // the URL is the state: back/forward and shared links land here
  useEffect(() => {
    setDraft(state.query);
    setCursors([]);
  }, [state.query, state.from, state.to]);

  const fields = useQuery({ queryKey: ['event-fields'], queryFn: eventsApi.fields, staleTime: Infinity });
  const fieldList = fields.data?.fields ?? [];

  // live syntax check of the draft (debounced); the caret points at the column the server reports
  useEffect(() => {
    const timer = setTimeout(() => {
      eventsApi.check(draft).then((r) => setProblem(r.valid ? undefined : r.problem), () => undefined);
    }, 250);
    return () => clearTimeout(timer);
  }, [draft]);

  const interval = histogramInterval(state.from, state.to, Date.now());
  const after = cursors[cursors.length - 1];
  const search = useQuery({
    queryKey: ['events-search', state.query, state.from, state.to, after, runs],
    queryFn: () => eventsApi.search({ query: state.query, from: state.from, to: state.to, size: PAGE_SIZE, sort: ['@timestamp:desc'], ...(after ? { searchAfter: after } : {}), aggs: [`date_histogram:${interval}`] }),
    retry: false,
  });

  const update = (next: Partial<SearchState>) => setParams(paramsFromState({ ...state, ...next }));
  const submit = async () => {
    const r = await eventsApi.check(draft).catch(() => undefined);
    if (r && !r.valid) {
      setProblem(r.problem);
      return;
    }
    setProblem(undefined);
    if (draft === state.query) {
      setCursors([]);
      setRuns((n) => n + 1);
    } else update({ query: draft });
  };

  const histogram = search.data?.aggregations.find((a) => a.kind === 'date_histogram');
  const events = search.data?.events ?? [];
  const columns = [
    { title: t('events.table.time'), key: '@timestamp', width: 190, render: (_: unknown, e: EventDoc) => formatTime(showValue(e['@timestamp']), i18n.language) },
    ...state.columns.map((c) => ({
      title: c,
      key: c,
      ellipsis: true,
      render: (_: unknown, e: EventDoc) => {
        const v = valueAt(e, c);
        if (c === 'event.outcome' && typeof v === 'string') return <Tag color={v === 'failure' ? 'red' : v === 'success' ? 'green' : undefined}>{v}</Tag>;
        return showValue(v);
      },
    })),
  ];

  return (
    <>
      <PageHeader title={t('events.title')} description={t('events.description')} actions={
        <SavedSearches
          state={{ ...state, query: draft }}
          current={savedName}
          onLoad={(s) => {
            setSavedName(s.name);
            setProblem(undefined);
            setParams(paramsFromState({ query: s.query, from: s.from, to: s.to, columns: s.columns.length > 0 ? s.columns : state.columns }));
          }}
          onSaved={setSavedName}
          onDeleted={() => setSavedName(undefined)}
        />
      } />
      <Flex gap={8} wrap align="flex-start" style={{ marginBottom: 12 }}>
        <QueryBox value={draft} onChange={setDraft} onSubmit={() => void submit()} fields={fieldList} problem={problem} from={state.from} to={state.to} loading={search.isFetching} />
        <TimeRange from={state.from} to={state.to} onChange={(from, to) => update({ from, to })} />
      </Flex>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary" data-testid="events-total">{search.data ? t('events.total', { count: search.data.total }) : ''}</Typography.Text>
        <Space>
          <Typography.Text type="secondary">{t('events.columns')}</Typography.Text>
          <Select
            mode="multiple"
            style={{ minWidth: 320, maxWidth: 640 }}
            value={state.columns}
            aria-label={t('events.columns')}
            data-testid="column-chooser"
            maxTagCount="responsive"
            options={fieldList.map((f) => ({ value: f.name, label: f.name }))}
            onChange={(cols: string[]) => update({ columns: cols })}
          />
        </Space>
      </Flex>
      {histogram?.buckets && histogram.intervalMs && (
        <Histogram buckets={histogram.buckets as Array<{ key: number; count: number }>} intervalMs={histogram.intervalMs} range={[boundMs(state.from, search.dataUpdatedAt), boundMs(state.to, search.dataUpdatedAt)]} onPick={(a, b) => update({ from: new Date(a).toISOString(), to: new Date(b).toISOString() })} />
      )}
      <QueryState loading={search.isLoading} error={search.error} retry={() => void search.refetch()} empty={events.length === 0 && cursors.length === 0} emptyText={state.query ? t('events.emptyQuery') : t('events.empty')}>
        <Table<EventDoc>
          rowKey={(e) => showValue(valueAt(e, 'event.id'))}
          size="small"
          dataSource={events}
          pagination={false}
          columns={columns}
          scroll={{ x: true }}
          onRow={(e) => ({ onClick: () => setSelected(e), style: { cursor: 'pointer' } })}
          data-testid="events-table"
        />
        <Pager page={cursors.length + 1} hasNext={search.data?.searchAfter !== undefined && events.length === PAGE_SIZE} next={() => setCursors((c) => [...c, search.data!.searchAfter!])} prev={() => setCursors((c) => c.slice(0, -1))} />
      </QueryState>
      <EventDrawer event={selected} onClose={() => setSelected(undefined)} onFilter={(field, value, mode) => {
        setSelected(undefined);
        setProblem(undefined);
        update({ query: addFilter(state.query, field, value, mode) });
      }} />
    </>
  );
}
