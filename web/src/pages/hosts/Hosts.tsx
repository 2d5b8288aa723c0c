import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.js';

/** Placeholder until the page lands (replaced by its module's work). */
export function Hosts() {
  const { t } = useTranslation();
  return <PageHeader title={t('nav.hosts')} />;
}
