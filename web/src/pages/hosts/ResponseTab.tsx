import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { errorText, showFieldError } from '../../api/errors.js';
import { useAction } from '../../api/useAction.js';
import { useCan } from '../../auth/session.js';
import { formatTime } from '../../components/time.js';
import { hostsApi, type HostSummary, type ResponseAction, type Task } from './api.js';
import { BLOCK_DURATIONS, TARGET_PLACEHOLDER, targetProblem } from './response-form.js';

const ACTIONS: ResponseAction[] = ['block', 'unblock', 'kill', 'quarantine', 'restore'];
const STATUS_COLOR: Record<Task['Status'], string> = { pending: 'default', delivered: 'processing', done: 'success', failed: 'error' };

interface Values {
  action: ResponseAction;
  target: string;
  durationSeconds: number;
}

/** A new response action: choose, fill in the target, then confirm what will run where. */
function NewAction({ host, open, onClose, onQueued }: { host: HostSummary; open: boolean; onClose: () => void; onQueued: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const action = Form.useWatch('action', form) ?? 'block';
  const [pending, setPending] = useState<Values>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const close = () => {
    setPending(undefined);
    setError(undefined);
    form.resetFields();
    onClose();
  };
  const run = async () => {
    if (!pending) return;
    setBusy(true);
    setError(undefined);
    try {
      await hostsApi.respond(host.HostId, { action: pending.action, target: pending.target.trim(), ...(pending.action === 'block' ? { durationSeconds: pending.durationSeconds } : {}) });
      void message.success(t('hosts.response.queued'));
      await onQueued();
      close();
    } catch (e) {
      setPending(undefined);
      // the server names `response.target`; the form's field is `target`
      const field = e instanceof ApiError ? (e.field ?? '').replace(/^response\./, '') : '';
      if (field === 'target' || field === 'durationSeconds') form.setFields([{ name: field, errors: [errorText(t, e)] }]);
      else if (!showFieldError(form, t, e)) setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={pending ? t('hosts.response.confirmTitle', { action: t(`hosts.response.actions.${pending.action}`), host: host.Hostname }) : t('hosts.response.new')}
      okText={pending ? t('hosts.response.run') : t('common.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: Boolean(pending), loading: busy, 'data-testid': 'response-ok' }}
      onCancel={() => (pending ? setPending(undefined) : close())}
      onOk={() => {
        if (pending) return void run();
        void form.validateFields().then(setPending, () => undefined);
      }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {pending ? (
        <Alert type="warning" showIcon title={t('hosts.response.confirmText', { target: pending.target.trim() })} data-testid="response-confirm" />
      ) : (
        <Form form={form} layout="vertical" initialValues={{ action: 'block', target: '', durationSeconds: 3600 }}>
          <Form.Item name="action" label={t('hosts.response.action')}>
            <Select options={ACTIONS.map((a) => ({ value: a, label: t(`hosts.response.actions.${a}`) }))} onChange={() => form.setFields([{ name: 'target', errors: [] }])} data-testid="response-action" />
          </Form.Item>
          <Form.Item
            name="target"
            label={t(`hosts.response.targets.${action}`)}
            rules={[{ validator: async (_, v: string) => {
              const problem = targetProblem(action, v ?? '');
              if (problem) throw new Error(t(problem));
            } }]}
          >
            <Input placeholder={TARGET_PLACEHOLDER[action]} data-testid="response-target" />
          </Form.Item>
          {action === 'block' && (
            <Form.Item name="durationSeconds" label={t('hosts.response.duration')}>
              <Select options={BLOCK_DURATIONS.map((d) => ({ value: d.seconds, label: t(`hosts.response.durations.${d.key}`) }))} />
            </Form.Item>
          )}
        </Form>
      )}
    </Modal>
  );
}

/** The host's response actions (newest first) with their outcome, a new action, and undo. */
export function ResponseTab({ host, responses, refresh }: { host: HostSummary; responses: Task[]; refresh: () => Promise<unknown> }) {
  const { t, i18n } = useTranslation();
  const [creating, setCreating] = useState(false);
  const { error, act } = useAction(refresh);
  const mayRespond = useCan()('bulwark:CreateHostResponse');
  const undone = new Set(responses.map((r) => r.Response?.undoOf).filter((x): x is string => Boolean(x)));
  return (
    <>
      <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('hosts.response.intro')}</Typography.Text>
        {mayRespond && <Button type="primary" onClick={() => setCreating(true)} data-testid="new-response">{t('hosts.response.new')}</Button>}
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<Task>
        size="small"
        rowKey="TaskId"
        dataSource={responses}
        pagination={{ pageSize: 20 }}
        locale={{ emptyText: t('hosts.response.empty') }}
        columns={[
          { title: t('hosts.response.created'), dataIndex: 'CreateDate', render: (v: string) => formatTime(v, i18n.language), width: 180 },
          { title: t('hosts.response.action'), render: (_: unknown, r) => (
            <Space direction="vertical" size={0}>
              <span>{r.Response ? t(`hosts.response.actions.${r.Response.action}`) : r.Kind}</span>
              {r.Response?.undoOf && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('hosts.response.undoOf', { task: r.Response.undoOf.slice(0, 8) })}</Typography.Text>}
            </Space>
          ) },
          { title: t('hosts.response.target'), render: (_: unknown, r) => <Typography.Text code>{r.Response?.target}</Typography.Text> },
          { title: t('hosts.response.status'), dataIndex: 'Status', render: (s: Task['Status']) => <Tag color={STATUS_COLOR[s]}>{t(`hosts.response.statuses.${s}`)}</Tag>, width: 110 },
          { title: t('hosts.response.outcome'), render: (_: unknown, r) => (r.Result ? t(`hosts.response.outcomes.${r.Result.outcome}`) : r.Message) },
          { title: t('hosts.response.by'), dataIndex: 'CreatedBy', responsive: ['lg'] },
          { title: t('hosts.response.finished'), dataIndex: 'FinishedDate', render: (v?: string) => formatTime(v, i18n.language), responsive: ['xl'] },
          {
            title: t('common.actions'),
            render: (_: unknown, r) =>
              mayRespond && r.Status === 'done' && r.Result?.undo && !undone.has(r.TaskId) && (
                <Popconfirm
                  title={t('hosts.response.undoConfirm', { action: t(`hosts.response.actions.${r.Result.undo.action}`), target: r.Result.undo.target })}
                  okText={t('hosts.response.undo')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => act(() => hostsApi.undo(host.HostId, r.TaskId))}
                >
                  <Button size="small">{t('hosts.response.undo')}</Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <NewAction host={host} open={creating} onClose={() => setCreating(false)} onQueued={refresh} />
    </>
  );
}
