import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../components/time.js';
import { expiryLevel } from './site-form.js';

const COLOR = { expired: 'red', soon: 'orange', ok: 'green' } as const;

/** A certificate's expiry: red once expired, orange within 30 days, with the date on hover. */
export function ExpiryTag({ notAfter, daysLeft }: { notAfter: string; daysLeft: number }) {
  const { t, i18n } = useTranslation();
  const level = expiryLevel(daysLeft);
  return (
    <Tooltip title={formatTime(notAfter, i18n.language)}>
      <Tag color={COLOR[level]} data-testid="cert-expiry">{t(`protection.certificates.expiry.${level}`, { count: daysLeft, days: Math.abs(daysLeft) })}</Tag>
    </Tooltip>
  );
}
