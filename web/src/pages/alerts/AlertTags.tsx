import { Button, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/useAction.js';
import { useCan } from '../../auth/session.js';
import { alertsApi, SEVERITY_COLOR, severityLabel, type Alert, type AlertStatus } from './api.js';

export const STATUSES: readonly AlertStatus[] = ['open', 'acknowledged', 'closed'];
export const STATUS_COLOR: Record<AlertStatus, string> = { open: 'red', acknowledged: 'gold', closed: 'default' };

export function SeverityTag({ severity }: { severity: number }) {
  const { t } = useTranslation();
  const label = severityLabel(severity);
  return <Tag color={SEVERITY_COLOR[label]}>{t(`alerts.severity.${label}`)}</Tag>;
}

export function StatusTag({ status }: { status: AlertStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]} data-testid="alert-status">{t(`alerts.status.${status}`)}</Tag>;
}

/** Acknowledge / close buttons for one alert (what its status still allows). */
export function StatusActions({ alert, onChanged }: { alert: Alert; onChanged: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const can = useCan();
  const { error, act } = useAction(onChanged);
  if (!can('bulwark:UpdateEventAlert')) return null;
  return (
    <Space onClick={(e) => e.stopPropagation()}>
      {alert.status === 'open' && <Button size="small" onClick={() => void act(() => alertsApi.setStatus(alert.id, 'acknowledged'))} data-testid={`ack-${alert.id}`}>{t('alerts.acknowledge')}</Button>}
      {alert.status !== 'closed' && <Button size="small" onClick={() => void act(() => alertsApi.setStatus(alert.id, 'closed'))} data-testid={`close-${alert.id}`}>{t('alerts.close')}</Button>}
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Space>
  );
}
