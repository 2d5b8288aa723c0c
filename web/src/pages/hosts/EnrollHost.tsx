import { Alert, Button, Form, Input, Modal, Select, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, showFieldError } from '../../api/errors.js';
import { CopyButton } from '../../components/CopyButton.js';
import { formatTime } from '../../components/time.js';
import { hostsApi, type CreatedToken } from './api.js';
import { enrollCommand } from './enroll-command.js';

const TTL = [
  { key: 'h1', seconds: 3600 },
  { key: 'h24', seconds: 86_400 },
  { key: 'd7', seconds: 7 * 86_400 },
] as const;

interface Values {
  label: string;
  ttlSeconds: number;
}

/** Creates a one-time enrollment token and shows, once, the command that enrolls a host with it. */
export function EnrollHost({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [created, setCreated] = useState<CreatedToken>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const close = () => {
    setCreated(undefined);
    setError(undefined);
    form.resetFields();
    onClose();
  };
  const create = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return;
    setBusy(true);
    setError(undefined);
    try {
      setCreated(await hostsApi.createToken({ label: values.label ?? '', ttlSeconds: values.ttlSeconds }));
      await qc.invalidateQueries({ queryKey: ['host-tokens'] });
    } catch (e) {
      if (!showFieldError(form, t, e)) setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  const command = created ? enrollCommand(window.location.origin, created.Token) : '';
  return (
    <Modal
      open={open}
      width={720}
      title={t('hosts.enroll.title')}
      onCancel={close}
      destroyOnHidden
      footer={created ? <Button type="primary" onClick={close}>{t('hosts.enroll.done')}</Button> : [
        <Button key="cancel" onClick={close}>{t('common.cancel')}</Button>,
        <Button key="ok" type="primary" loading={busy} onClick={() => void create()} data-testid="create-token">{t('hosts.enroll.create')}</Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">{t('hosts.enroll.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {created ? (
        <>
          <Alert type="warning" showIcon title={t('hosts.enroll.shownOnce', { time: formatTime(created.ExpiresAt, i18n.language) })} style={{ marginBottom: 12 }} />
          <Typography.Text strong>{t('hosts.enroll.command')}</Typography.Text>
          <pre data-testid="enroll-command" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', padding: 12, borderRadius: 6, background: 'rgba(127,127,127,0.12)', margin: '8px 0 12px' }}>{command}</pre>
          <CopyButton value={command} testId="copy-command" />
        </>
      ) : (
        <Form form={form} layout="vertical" initialValues={{ label: '', ttlSeconds: 3600 }} requiredMark="optional">
          <Form.Item name="label" label={t('hosts.enroll.label')} extra={t('hosts.enroll.labelHelp')} rules={[{ max: 128, message: t('validation.maxLength', { n: 128 }) }]}>
            <Input data-testid="token-label" />
          </Form.Item>
          <Form.Item name="ttlSeconds" label={t('hosts.enroll.ttl')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select options={TTL.map((o) => ({ value: o.seconds, label: t(`hosts.enroll.ttlOptions.${o.key}`) }))} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
