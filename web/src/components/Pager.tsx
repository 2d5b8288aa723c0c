import { Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Previous / next for marker-paged lists. */
export function Pager({ page, hasNext, next, prev }: { page: number; hasNext: boolean; next: () => void; prev: () => void }) {
  const { t } = useTranslation();
  if (page === 1 && !hasNext) return null;
  return (
    <Space style={{ marginTop: 12 }}>
      <Button size="small" disabled={page === 1} onClick={prev}>{t('common.previous')}</Button>
      <Typography.Text type="secondary">{t('common.page', { n: page })}</Typography.Text>
      <Button size="small" disabled={!hasNext} onClick={next}>{t('common.next')}</Button>
    </Space>
  );
}
