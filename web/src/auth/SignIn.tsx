import { Alert, App, Button, Card, Form, Input, Layout, Steps, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, setCsrfToken } from '../api/client.js';
import { errorText, showFieldError } from '../api/errors.js';
import type { NextStep, Session } from '../api/types.js';
import { LanguageSwitch } from '../layout/LanguageSwitch.js';
import { MfaBinding, SIX_DIGITS } from './MfaBinding.js';


/** Errors that belong next to a field of the step's form. */
const PASSWORD_ERRORS = { 'Password.Reused': 'newPassword', 'InvalidParameter.PasswordPolicy': 'newPassword', 'Signin.InvalidMfaCode': 'code' };

/** Sign-in: password, then MFA (verify or bind a first device), then a forced password change. */
export function SignIn() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const { message } = App.useApp();
  const [step, setStep] = useState<NextStep | 'password'>('password');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();

  // a reload in the middle of the steps continues where the session is
  useEffect(() => {
    api.get<{ session: Session }>('/session').then(
      (r) => (r.session.nextStep === 'active' ? navigate('/', { replace: true }) : setStep(r.session.nextStep)),
      () => setStep('password'),
    );
  }, [navigate]);

  const advance = async (session: Session) => {
    setError(undefined);
    form.resetFields();
    if (session.nextStep === 'active') {
      // nothing cached from before the sign-in (an earlier 401 would send the user back here)
      queryClient.clear();
      void message.success(t('signin.welcome', { user: session.userName }));
      navigate('/', { replace: true });
    } else setStep(session.nextStep);
  };

  const run = async (work: () => Promise<Session>) => {
    setBusy(true);
    setError(undefined);
    try {
      await advance(await work());
    } catch (e) {
      if (!showFieldError(form, t, e, undefined, PASSWORD_ERRORS)) setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const stepIndex = { password: 0, mfa: 1, mfa_bind: 1, password_change: 2, active: 3 }[step];
  const expired = params.get('expired');

  return (
    <Layout style={{ minHeight: '100vh', alignItems: 'center', justifyContent: 'center', padding: 24 }}>
      <div style={{ position: 'absolute', top: 16, right: 24 }}><LanguageSwitch /></div>
      <Card style={{ width: 440, maxWidth: '100%' }} data-testid="signin-card">
        <Typography.Title level={3}>{t('app.name')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('signin.subtitle')}</Typography.Paragraph>
        <Steps size="small" current={stepIndex} style={{ marginBottom: 24 }} items={[{ title: t('signin.stepPassword') }, { title: t('signin.stepMfa') }, { title: t('signin.stepPasswordChange') }]} />
        {expired && step === 'password' && <Alert type="warning" showIcon title={t('signin.expired')} style={{ marginBottom: 16 }} data-testid="session-expired" />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="signin-error" />}

        {step === 'password' && (
          <Form form={form} layout="vertical" requiredMark={false} onFinish={(v: { account: string; userName: string; password: string }) => run(async () => {
            const r = await api.post<{ session: Session; csrfToken: string }>('/session', v);
            setCsrfToken(r.csrfToken);
            return r.session;
          })}>
            <Form.Item name="account" label={t('signin.account')} extra={t('signin.accountHelp')} rules={[{ required: true, message: t('validation.required') }]}>
              <Input autoComplete="organization" autoFocus />
            </Form.Item>
            <Form.Item name="userName" label={t('signin.userName')} rules={[{ required: true, message: t('validation.required') }, { pattern: /^[A-Za-z0-9._-]{1,64}$/, message: t('validation.userName') }]}>
              <Input autoComplete="username" />
            </Form.Item>
            <Form.Item name="password" label={t('signin.password')} rules={[{ required: true, message: t('validation.required') }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>{t('signin.submit')}</Button>
          </Form>
        )}

        {step === 'mfa' && (
          <Form form={form} layout="vertical" requiredMark={false} onFinish={(v: { code: string }) => run(async () => (await api.post<{ session: Session }>('/session/mfa', v)).session)}>
            <Typography.Paragraph>{t('signin.mfaPrompt')}</Typography.Paragraph>
            <Form.Item name="code" label={t('signin.mfaCode')} rules={[{ required: true, message: t('validation.required') }, { pattern: SIX_DIGITS, message: t('validation.sixDigits') }]}>
              <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} autoFocus />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>{t('signin.verify')}</Button>
          </Form>
        )}

        {step === 'mfa_bind' && <MfaBinding onBound={advance} />}

        {step === 'password_change' && (
          <Form form={form} layout="vertical" requiredMark={false} onFinish={(v: { oldPassword: string; newPassword: string }) => run(async () => (await api.post<{ session: Session }>('/session/password', { oldPassword: v.oldPassword, newPassword: v.newPassword })).session)}>
            <Typography.Paragraph>{t('signin.changePrompt')}</Typography.Paragraph>
            <Form.Item name="oldPassword" label={t('signin.oldPassword')} rules={[{ required: true, message: t('validation.required') }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Form.Item name="newPassword" label={t('signin.newPassword')} rules={[{ required: true, message: t('validation.required') }, { min: 8, message: t('validation.minLength', { n: 8 }) }]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item name="confirm" label={t('signin.confirmPassword')} dependencies={['newPassword']} rules={[{ required: true, message: t('validation.required') }, ({ getFieldValue }) => ({ validator: (_r, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('validation.mismatch')))) })]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>{t('signin.change')}</Button>
          </Form>
        )}
      </Card>
    </Layout>
  );
}
