import { UploadOutlined } from '@ant-design/icons';
import { Button, Input, Space, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { alertsApi, type Validation } from './api.js';

/** The validation message of a Sigma rule: where (line, column) and what. */
export function sigmaProblem(t: (k: string, o?: Record<string, unknown>) => string, v: Validation): string {
  const e = v.error;
  if (!e) return '';
  return e.line !== undefined ? t('alerts.sigma.errorAt', { line: e.line, column: e.column ?? 1, message: e.message }) : e.message;
}

/**
 * Sigma YAML: typed, or uploaded from a .yml file; checked by the server's Sigma compiler while typing,
 * with the line and column of a mistake. `onTitle` gets the rule's title after an upload.
 */
export function SigmaEditor({ value, onChange, onTitle }: { value?: string; onChange?: (v: string) => void; onTitle?: (title: string) => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Validation>();
  useEffect(() => {
    if (!value) {
      setStatus(undefined);
      return;
    }
    const timer = setTimeout(() => {
      alertsApi.validateRule('sigma', { kind: 'sigma', yaml: value }).then(setStatus, () => setStatus(undefined));
    }, 400);
    return () => clearTimeout(timer);
  }, [value]);
  // the latest callback, read when a new validation result arrives
  const titleRef = useRef(onTitle);
  titleRef.current = onTitle;
  useEffect(() => {
    if (status?.valid && status.title) titleRef.current?.(status.title);
  }, [status]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Upload
        accept=".yml,.yaml"
        maxCount={1}
        showUploadList={false}
        beforeUpload={(file) => {
          void file.text().then((text) => onChange?.(text));
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} data-testid="sigma-upload">{t('alerts.sigma.upload')}</Button>
      </Upload>
      {status && (
        <Typography.Text type={status.valid ? 'success' : 'danger'} data-testid="sigma-validation">
          {status.valid ? t('alerts.sigma.valid', { title: status.title ?? '' }) : sigmaProblem(t, status)}
        </Typography.Text>
      )}
      <Input.TextArea
        value={value}
        onChange={(e) => onChange?.(e.target.value)}
        rows={12}
        spellCheck={false}
        data-testid="sigma-editor"
        style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 13 }}
      />
    </Space>
  );
}
