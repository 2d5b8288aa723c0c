import { Alert, Button, Empty, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';
import { errorText } from '../api/errors.js';

interface Props {
  loading: boolean;
  error: unknown;
  empty?: boolean;
  /** what to do next when there is nothing yet */
  emptyText?: ReactNode;
  emptyAction?: ReactNode;
  retry?: () => void;
  children: ReactNode;
}

/** Loading, error (403 says what is missing), empty with what to do next, or the content. */
export function QueryState({ loading, error, empty, emptyText, emptyAction, retry, children }: Props) {
  const { t } = useTranslation();
  if (loading) return <div style={{ padding: 48, textAlign: 'center' }}><Spin aria-label={t('common.loading')} /></div>;
  if (error) {
    if (error instanceof ApiError && error.code === 'NoPermission') return <Result status="403" title={t('common.noPermission')} subTitle={error.message} />;
    return <Alert type="error" showIcon title={t('common.loadFailed')} description={errorText(t, error)} action={retry ? <Button size="small" onClick={retry}>{t('common.retry')}</Button> : undefined} />;
  }
  if (empty) return <Empty description={emptyText ?? t('common.empty')}>{emptyAction}</Empty>;
  return <>{children}</>;
}
