import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { errorText, showFieldError } from '../api/errors.js';
import type { Session } from '../api/types.js';

interface MfaSetup {
  serialNumber: string;
  seed: string;
  otpauthUri: string;
}

export const SIX_DIGITS = /^\d{6}$/;

/** Binds a virtual MFA device to the signed-in user: QR code (and key), then two consecutive codes. */
export function MfaBinding({ onBound }: { onBound: (session: Session) => void | Promise<void> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code1: string; code2: string }>();
  const [setup, setSetup] = useState<MfaSetup>();
  const [qr, setQr] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api.post<MfaSetup>('/session/mfa/setup').then(async (s) => {
      const svg = await QRCode.toString(s.otpauthUri, { type: 'svg', margin: 1, width: 200 });
      if (!live) return;
      setSetup(s);
      setQr(svg);
    }, (e: unknown) => live && setError(errorText(t, e)));
    return () => {
      live = false;
    };
  }, [t]);

  const bind = async (v: { code1: string; code2: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      await onBound((await api.post<{ session: Session }>('/session/mfa/bind', { serialNumber: setup?.serialNumber, ...v })).session);
    } catch (e) {
      if (!showFieldError(form, t, e, undefined, { 'Signin.InvalidMfaCode': 'code1', 'InvalidParameter.MFA.Code': 'code1' })) setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const codeRules = [{ required: true, message: t('validation.required') }, { pattern: SIX_DIGITS, message: t('validation.sixDigits') }];
  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void bind(v)}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="mfa-error" />}
      <Typography.Paragraph>{t('signin.bindPrompt')}</Typography.Paragraph>
      {qr ? <div style={{ textAlign: 'center' }}><img alt={t('signin.qrAlt')} src={`data:image/svg+xml;utf8,${encodeURIComponent(qr)}`} width={200} height={200} data-testid="mfa-qr" style={{ background: '#fff' }} /></div> : null}
      {setup && (
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {t('signin.seed')} <Typography.Text code copyable data-testid="mfa-seed">{setup.seed}</Typography.Text>
        </Typography.Paragraph>
      )}
      <Space.Compact block>
        <Form.Item name="code1" label={t('signin.code1')} style={{ width: '50%' }} rules={codeRules}>
          <Input inputMode="numeric" maxLength={6} />
        </Form.Item>
        <Form.Item name="code2" label={t('signin.code2')} style={{ width: '50%' }} rules={codeRules}>
          <Input inputMode="numeric" maxLength={6} />
        </Form.Item>
      </Space.Compact>
      <Button type="primary" htmlType="submit" block loading={busy} disabled={!setup}>{t('signin.bind')}</Button>
    </Form>
  );
}
