import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS: Record<string, string> = { Enabled: 'green', Disabled: 'default', PendingDeletion: 'orange', PendingImport: 'blue' };

/** A key's state as a coloured, translated tag. */
export function KeyState({ state }: { state: string }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[state] ?? 'default'} data-testid="key-state">{t(`kms.states.${state}`, { defaultValue: state })}</Tag>;
}
