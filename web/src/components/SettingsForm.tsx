import { Alert, App, Button, Card, Form, type FormInstance } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { errorText, showFieldError } from '../api/errors.js';
import { QueryState } from './QueryState.js';

interface Props<V> {
  path: string;
  /** read the form's values from the GET answer */
  read: (data: Record<string, unknown>) => V;
  editable: boolean;
  /** the PUT body from the form's values (default: as they are) */
  write?: (values: V) => unknown;
  children: (form: FormInstance<V>) => ReactNode;
}

/** A settings page: load, edit (read-only without permission), save with errors next to their field. */
export function SettingsForm<V extends object>({ path, read, editable, write, children }: Props<V>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<V>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const q = useQuery({ queryKey: ['settings', path], queryFn: () => api.get<Record<string, unknown>>(path) });
  useEffect(() => {
    if (q.data) form.setFieldsValue(read(q.data) as Parameters<typeof form.setFieldsValue>[0]);
  }, [q.data, form, read]);
  const save = async (values: V) => {
    setBusy(true);
    setError(undefined);
    try {
      await api.put(path, write ? write(values) : values);
      await qc.invalidateQueries({ queryKey: ['settings', path] });
      void message.success(t('common.saved'));
    } catch (e) {
      if (!showFieldError(form, t, e)) setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <QueryState loading={q.isLoading} error={q.error} retry={() => void q.refetch()}>
      <Card style={{ maxWidth: 720 }}>
        {!editable && <Alert type="info" showIcon title={t('common.readOnly')} style={{ marginBottom: 16 }} data-testid="read-only" />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" disabled={!editable} onFinish={(v) => void save(v)}>
          {children(form)}
          {editable && <Button type="primary" htmlType="submit" loading={busy}>{t('common.save')}</Button>}
        </Form>
      </Card>
    </QueryState>
  );
}
