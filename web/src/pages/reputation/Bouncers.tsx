import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, showFieldError } from '../../api/errors.js';
import { CopyButton } from '../../components/CopyButton.js';
import { reputationApi } from './api.js';
import { bouncerConfig } from './bouncer-config.js';

const NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/** Creates a CrowdSec bouncer API key and shows it once, with the bouncer configuration. */
export function Bouncers() {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<{ name: string; apiKey: string }>();
  const create = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setBusy(true);
    setError(undefined);
    try {
      setCreated(await reputationApi.createBouncer(v.name.trim()));
      form.resetFields();
    } catch (e) {
      if (!showFieldError(form, t, e)) setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  const config = created ? bouncerConfig(window.location.origin, created.apiKey) : '';
  return (
    <>
      <Typography.Paragraph type="secondary">{t('reputation.bouncers.intro')}</Typography.Paragraph>
      {!created && (
        <Form form={form} layout="inline" onFinish={() => void create()}>
          <Form.Item name="name" label={t('reputation.bouncers.name')} extra={t('reputation.bouncers.nameHelp')} rules={[{ required: true, message: t('validation.required') }, { pattern: NAME, message: t('reputation.bouncers.invalidName') }]}>
            <Input placeholder={t('reputation.bouncers.namePlaceholder')} style={{ width: 240 }} data-testid="bouncer-name" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="bouncer-create">{t('reputation.bouncers.create')}</Button>
        </Form>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      {created && (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="bouncer-created">
          <Alert type="warning" showIcon title={t('reputation.bouncers.shownOnce')} />
          <Typography.Text strong>{t('reputation.bouncers.apiKey', { name: created.name })}</Typography.Text>
          <Space>
            <Typography.Text code data-testid="bouncer-key">{created.apiKey}</Typography.Text>
            <CopyButton value={created.apiKey} testId="bouncer-copy" />
          </Space>
          <Typography.Text strong>{t('reputation.bouncers.config')}</Typography.Text>
          <Space align="start">
            <Typography.Paragraph code style={{ whiteSpace: 'pre', margin: 0 }}>{config}</Typography.Paragraph>
            <CopyButton value={config} />
          </Space>
          <Button onClick={() => setCreated(undefined)}>{t('reputation.bouncers.done')}</Button>
        </Space>
      )}
    </>
  );
}
