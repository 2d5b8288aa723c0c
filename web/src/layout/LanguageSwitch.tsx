import { GlobalOutlined } from '@ant-design/icons';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../i18n/index.js';

/** The language menu; the choice is remembered in this browser. */
export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  return (
    <Select
      aria-label={t('common.language')}
      data-testid="language-switch"
      value={i18n.language as Language}
      onChange={(v: Language) => setLanguage(v)}
      suffixIcon={<GlobalOutlined />}
      variant="borderless"
      options={LANGUAGES.map((l) => ({ value: l.code, label: l.label }))}
      style={{ width: 130 }}
    />
  );
}
