import { CopyOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';

/** Copies a value to the clipboard (falls back to selecting a hidden field where the API is missing). */
export function CopyButton({ value, testId }: { value: string; testId?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      const area = document.createElement('textarea');
      area.value = value;
      document.body.appendChild(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    void message.success(t('common.copied'));
  };
  return <Button icon={<CopyOutlined />} onClick={() => void copy()} data-testid={testId}>{t('common.copy')}</Button>;
}
