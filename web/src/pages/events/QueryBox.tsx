import { Alert, AutoComplete, Button, Input, Space, Tag, Typography, type InputRef } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { eventsApi, type FieldInfo, type QueryProblem } from './api.js';
import { applyCompletion, caretAt, contextAt, matchNames } from './query-edit.js';

/** Option keys of suggestions (never the start of a query, so the list never preselects one). */
const SUGGESTION = '\u0000';

interface Props {
  value: string;
  onChange: (value: string) => void;
  onSubmit: () => void;
  fields: readonly FieldInfo[];
  problem?: QueryProblem;
  from: string;
  to: string;
  loading?: boolean;
}

/** The mistake of a query: coded message, and the query line with a caret under the column. */
export function QueryProblemView({ query, problem }: { query: string; problem: QueryProblem }) {
  const { t } = useTranslation();
  const { line, caret } = caretAt(query, problem.column);
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginTop: 8 }}
      data-testid="query-error"
      title={<Space wrap><Tag color="red">{problem.code}</Tag><span>{t('events.query.errorAt', { column: problem.column })}</span></Space>}
      description={
        <>
          <pre data-testid="query-caret" style={{ margin: '4px 0', fontSize: 13, lineHeight: 1.3, overflowX: 'auto' }}>{`${line}\n${caret}`}</pre>
          <Typography.Text>{problem.message}</Typography.Text>
          {problem.suggestions && problem.suggestions.length > 0 && (
            <div><Typography.Text type="secondary">{t('events.query.didYouMean', { fields: problem.suggestions.join(', ') })}</Typography.Text></div>
          )}
        </>
      }
    />
  );
}

/** The query box: field completion, `field:` value completion, Enter to search. */
export function QueryBox({ value, onChange, onSubmit, fields, problem, from, to, loading }: Props) {
  const { t } = useTranslation();
  const input = useRef<InputRef>(null);
  const [cursor, setCursor] = useState(value.length);
  const [open, setOpen] = useState(false);
  const pendingCaret = useRef<number | undefined>(undefined);
  // Enter picks a suggestion only after the arrow keys moved to one; otherwise it searches
  const navigated = useRef(false);
  const ctx = useMemo(() => contextAt(value, Math.min(cursor, value.length)), [value, cursor]);
  const fieldType = ctx.kind === 'value' ? fields.find((f) => f.name === ctx.field)?.type : undefined;
  const values = useQuery({
    queryKey: ['event-values', ctx.kind === 'value' ? ctx.field : '', ctx.kind === 'value' ? ctx.prefix : '', from, to],
    queryFn: () => eventsApi.values({ field: ctx.kind === 'value' ? ctx.field : '', prefix: ctx.kind === 'value' ? ctx.prefix : '', from, to }),
    enabled: ctx.kind === 'value' && fieldType !== undefined && fieldType !== 'text' && fieldType !== 'date',
    staleTime: 30_000,
  });

  useEffect(() => {
    const at = pendingCaret.current;
    if (at === undefined) return;
    pendingCaret.current = undefined;
    setCursor(at);
    const el = input.current?.input;
    if (el) {
      el.focus();
      el.setSelectionRange(at, at);
    }
  }, [value]);

  const options = useMemo(() => {
    if (ctx.kind === 'field') {
      return matchNames(fields.map((f) => f.name), ctx.prefix).map((name) => {
        const f = fields.find((x) => x.name === name);
        const done = applyCompletion(value, ctx, name);
        return { value: `${SUGGESTION}f:${name}`, label: <Space data-testid={`suggest-${name}`}><span>{name}</span><Tag>{f?.type}</Tag></Space>, query: done.query, caret: done.cursor };
      });
    }
    if (ctx.kind === 'value') {
      return (values.data?.values ?? []).map((v) => {
        const done = applyCompletion(value, ctx, String(v.value));
        return { value: `${SUGGESTION}v:${String(v.value)}`, label: <Space data-testid={`suggest-value-${String(v.value)}`}><span>{String(v.value)}</span><Typography.Text type="secondary">{v.count}</Typography.Text></Space>, query: done.query, caret: done.cursor };
      });
    }
    return [];
  }, [ctx, fields, value, values.data]);

  const track = () => setCursor(input.current?.input?.selectionStart ?? value.length);

  return (
    <div style={{ flex: 1, minWidth: 320 }}>
      <Space.Compact style={{ width: '100%' }}>
        <AutoComplete
          style={{ flex: 1 }}
          value={value}
          options={options}
          open={open && options.length > 0}
          defaultActiveFirstOption={false}
          onChange={(v: string) => {
            // picking a suggestion reports its key here; onSelect applies it
            if (v.startsWith(SUGGESTION)) return;
            onChange(v);
            navigated.current = false;
            setCursor(input.current?.input?.selectionStart ?? v.length);
            setOpen(true);
          }}
          onSelect={(_v: string, option: { query?: string; caret?: number }) => {
            if (option.query !== undefined) onChange(option.query);
            pendingCaret.current = option.caret;
            setCursor(option.caret ?? value.length);
            setOpen(true);
          }}
          onBlur={() => setOpen(false)}
          onFocus={() => setOpen(true)}
        >
          <Input
            ref={input}
            data-testid="query-input"
            aria-label={t('events.query.label')}
            placeholder={t('events.query.placeholder')}
            status={problem ? 'error' : undefined}
            style={{ fontFamily: 'monospace' }}
            onKeyUp={track}
            onClick={track}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setOpen(false);
              if (e.key === 'ArrowDown' || e.key === 'ArrowUp') navigated.current = true;
              if (e.key === 'Enter') {
                if (open && navigated.current && options.length > 0) navigated.current = false;
                else {
                  setOpen(false);
                  onSubmit();
                }
              }
            }}
          />
        </AutoComplete>
        <Button type="primary" icon={<SearchOutlined />} loading={loading} onClick={onSubmit} data-testid="query-submit">{t('events.query.search')}</Button>
      </Space.Compact>
      {problem && <QueryProblemView query={value} problem={problem} />}
    </div>
  );
}
