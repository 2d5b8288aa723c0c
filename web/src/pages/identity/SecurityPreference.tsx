import { Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/session.js';
import { CheckboxFields } from '../../components/CheckboxFields.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SettingsForm } from '../../components/SettingsForm.js';

interface Preference {
  LoginProfilePreference: Record<string, unknown>;
  AccessKeyPreference: Record<string, unknown>;
  MFAPreference: Record<string, unknown>;
}

const read = (d: Record<string, unknown>) => {
  const p = d.SecurityPreference as Preference;
  return { ...p.LoginProfilePreference, ...p.AccessKeyPreference, ...p.MFAPreference };
};
const FLAGS = ['EnforceMFAForLogin', 'AllowUserToChangePassword', 'EnableSaveMFATicket', 'AllowUserToManageAccessKeys', 'AllowUserToManageMFADevices'] as const;
const write = (v: Record<string, unknown>) => ({ ...v, LoginNetworkMasks: String(v.LoginNetworkMasks ?? '').split(/[;\s]+/).filter(Boolean).join(';') });
const MASK = /^[0-9A-Fa-f:.]+(\/\d{1,3})?$/;

/** Sign-in and self-service settings, including the networks console sign-in is allowed from. */
export function SecurityPreference() {
  const { t } = useTranslation();
  const can = useCan();
  return (
    <>
      <PageHeader title={t('security.title')} description={t('security.description')} />
      <SettingsForm path="/ram/security-preference" read={read} write={write} editable={can('Ram:SetSecurityPreference')}>
        {() => (
          <>
            <Form.Item name="LoginNetworkMasks" label={t('security.fields.LoginNetworkMasks')} extra={t('security.help.LoginNetworkMasks')} rules={[{ validator: async (_r, v: string | undefined) => {
              const bad = (v ?? '').split(/[;\s]+/).filter(Boolean).find((m) => !MASK.test(m));
              if (bad) throw new Error(t('validation.cidr', { value: bad }));
            } }]}>
              <Input.TextArea rows={2} placeholder={t('security.masksPlaceholder')} data-testid="network-masks" />
            </Form.Item>
            <Form.Item name="LoginSessionDuration" label={t('security.fields.LoginSessionDuration')} rules={[{ required: true, message: t('validation.required') }, { type: 'number', min: 1, max: 24, message: t('validation.range', { min: 1, max: 24 }) }]}>
              <InputNumber min={1} max={24} suffix={t('security.hours')} style={{ width: 200 }} />
            </Form.Item>
            <CheckboxFields names={FLAGS} prefix="security.fields" />
          </>
        )}
      </SettingsForm>
    </>
  );
}
