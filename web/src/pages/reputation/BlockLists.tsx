import { Alert, App, Button, Card, Col, Form, Input, Radio, Row, Select, Space, Typography, Upload } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, showFieldError } from '../../api/errors.js';
import { useCan } from '../../auth/session.js';
import { CopyButton } from '../../components/CopyButton.js';
import { DECISIONS_KEY, REPUTATION_WRITES, reputationApi } from './api.js';

const DURATIONS = [
  { key: 'h1', value: '1h' },
  { key: 'h24', value: '24h' },
  { key: 'd7', value: '168h' },
  { key: 'd30', value: '720h' },
] as const;

interface ImportValues {
  format: 'text' | 'json';
  content: string;
  duration: string;
}

/** Imports a block list (text or JSON) as decisions, and exports the active ones for other systems. */
export function BlockLists() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const qc = useQueryClient();
  const [form] = Form.useForm<ImportValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<{ created: number; skipped: number }>();
  const [exported, setExported] = useState<{ content: string; name: string; type: string }>();
  // a download link for the exported text, released when it changes
  const href = useMemo(() => (exported ? URL.createObjectURL(new Blob([exported.content], { type: exported.type })) : undefined), [exported]);
  useEffect(() => () => { if (href) URL.revokeObjectURL(href); }, [href]);
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await reputationApi.importList(v));
      await qc.invalidateQueries({ queryKey: DECISIONS_KEY });
    } catch (e) {
      if (!showFieldError(form, t, e)) setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  const exportAs = async (format: 'text' | 'json') => {
    try {
      if (format === 'text') setExported({ content: (await reputationApi.exportText()).content, name: 'bulwark-bans.txt', type: 'text/plain' });
      else setExported({ content: `${JSON.stringify((await reputationApi.exportJson()).decisions, null, 2)}\n`, name: 'bulwark-decisions.json', type: 'application/json' });
    } catch (e) {
      void message.error(errorText(t, e));
    }
  };
  return (
    <Row gutter={16}>
      {can(REPUTATION_WRITES.ban) && (
        <Col xs={24} xl={12}>
          <Card title={t('reputation.blockLists.import')} size="small" style={{ marginBottom: 16 }}>
            <Typography.Paragraph type="secondary">{t('reputation.blockLists.importIntro')}</Typography.Paragraph>
            <Form<ImportValues> form={form} layout="vertical" initialValues={{ format: 'text', content: '', duration: '24h' }}>
              <Space wrap>
                <Form.Item name="format" label={t('reputation.blockLists.format')}>
                  <Radio.Group options={(['text', 'json'] as const).map((f) => ({ value: f, label: t(`reputation.blockLists.formats.${f}`) }))} />
                </Form.Item>
                <Form.Item name="duration" label={t('reputation.blockLists.duration')}>
                  <Select style={{ width: 140 }} options={DURATIONS.map((d) => ({ value: d.value, label: t(`reputation.blockLists.durations.${d.key}`) }))} />
                </Form.Item>
                <Form.Item label={t('reputation.blockLists.file')}>
                  <Upload
                    accept=".txt,.json,.csv,text/plain,application/json"
                    showUploadList={false}
                    beforeUpload={async (file) => {
                      const text = await file.text();
                      form.setFieldsValue({ content: text, format: file.name.endsWith('.json') ? 'json' : 'text' });
                      return false;
                    }}
                  >
                    <Button>{t('reputation.blockLists.file')}</Button>
                  </Upload>
                </Form.Item>
              </Space>
              <Form.Item name="content" label={t('reputation.blockLists.content')} rules={[{ required: true, message: t('validation.required') }]}>
                <Input.TextArea rows={8} placeholder={t('reputation.blockLists.contentPlaceholder')} style={{ fontFamily: 'monospace' }} data-testid="blocklist-content" />
              </Form.Item>
              <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="blocklist-import">{t('reputation.blockLists.submit')}</Button>
            </Form>
            {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="blocklist-error" />}
            {result && <Alert type="success" showIcon title={t('reputation.blockLists.result', result)} style={{ marginTop: 12 }} data-testid="blocklist-result" />}
          </Card>
        </Col>
      )}
      <Col xs={24} xl={12}>
        <Card title={t('reputation.blockLists.export')} size="small">
          <Typography.Paragraph type="secondary">{t('reputation.blockLists.exportIntro')}</Typography.Paragraph>
          <Space wrap style={{ marginBottom: 12 }}>
            <Button onClick={() => void exportAs('text')} data-testid="export-text">{t('reputation.blockLists.exportText')}</Button>
            <Button onClick={() => void exportAs('json')} data-testid="export-json">{t('reputation.blockLists.exportJson')}</Button>
          </Space>
          {exported && (
            <>
              <Space style={{ marginBottom: 8 }}>
                <Typography.Text strong>{t('reputation.blockLists.exported')}</Typography.Text>
                <CopyButton value={exported.content} />
                <Button href={href} download={exported.name}>{t('reputation.blockLists.download')}</Button>
              </Space>
              <Input.TextArea readOnly rows={10} value={exported.content} style={{ fontFamily: 'monospace' }} data-testid="export-content" />
            </>
          )}
        </Card>
      </Col>
    </Row>
  );
}
