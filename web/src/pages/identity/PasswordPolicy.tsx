import { Form, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/session.js';
import { CheckboxFields } from '../../components/CheckboxFields.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SettingsForm } from '../../components/SettingsForm.js';

const read = (d: Record<string, unknown>) => d.PasswordPolicy as Record<string, unknown>;
const NUMBERS = [
  { name: 'MinimumPasswordLength', min: 8, max: 32 },
  { name: 'MaxPasswordAge', min: 0, max: 1095 },
  { name: 'PasswordReusePrevention', min: 0, max: 24 },
  { name: 'MaxLoginAttemps', min: 0, max: 32 },
] as const;
const FLAGS = ['RequireLowercaseCharacters', 'RequireUppercaseCharacters', 'RequireNumbers', 'RequireSymbols', 'HardExpiry'] as const;

/** The account's password policy for console users. */
export function PasswordPolicy() {
  const { t } = useTranslation();
  const can = useCan();
  return (
    <>
      <PageHeader title={t('passwordPolicy.title')} description={t('passwordPolicy.description')} />
      <SettingsForm path="/ram/password-policy" read={read} editable={can('Ram:SetPasswordPolicy')}>
        {() => (
          <>
            {NUMBERS.map((n) => (
              <Form.Item key={n.name} name={n.name} label={t(`passwordPolicy.fields.${n.name}`)} extra={t(`passwordPolicy.help.${n.name}`)} rules={[{ required: true, message: t('validation.required') }, { type: 'number', min: n.min, max: n.max, message: t('validation.range', { min: n.min, max: n.max }) }]}>
                <InputNumber min={n.min} max={n.max} style={{ width: 160 }} />
              </Form.Item>
            ))}
            <CheckboxFields names={FLAGS} prefix="passwordPolicy.fields" />
          </>
        )}
      </SettingsForm>
    </>
  );
}
