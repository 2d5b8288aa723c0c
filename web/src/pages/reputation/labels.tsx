import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DecisionAction, DecisionOrigin } from './api.js';
import { remaining } from './decision-form.js';

const ACTION_COLOR: Record<DecisionAction, string> = { ban: 'red', challenge: 'gold', log: 'default' };
const ORIGIN_COLOR: Record<DecisionOrigin, string> = { bulwark: 'purple', manual: 'blue', import: 'cyan' };

export function ActionTag({ action }: { action: DecisionAction }) {
  const { t } = useTranslation();
  return <Tag color={ACTION_COLOR[action]}>{t(`reputation.actions.${action}`)}</Tag>;
}

export function OriginTag({ origin }: { origin: DecisionOrigin }) {
  const { t } = useTranslation();
  return <Tag color={ORIGIN_COLOR[origin]}>{t(`reputation.origins.${origin}`)}</Tag>;
}

/** "3 h left" for a decision's expiry. */
export function useLeft(): (until: string) => string {
  const { t } = useTranslation();
  return (until) => {
    const r = remaining(until, Date.now());
    return t('reputation.decisions.left', { left: t(`reputation.units.${r.unit}`, { n: r.n }) });
  };
}
