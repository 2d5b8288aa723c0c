import { FullscreenOutlined } from '@ant-design/icons';
import { Button, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryState } from '../../components/QueryState.js';
import { DashboardControls, useDashboardParams } from './Controls.js';
import { DashboardView } from './DashboardView.js';
import { useDashboard } from './useDashboard.js';

/** Security center → Dashboards: attacks, traffic, hosts, vulnerabilities, alerts and posture at a glance. */
export function Dashboard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const params = useDashboardParams(0);
  // charts follow the console's theme (dark when the system asks for it)
  const dark = theme.useToken().token.colorBgBase === '#000';
  const q = useDashboard(params.from, params.refresh);
  const openScreen = () => {
    // full screen needs the user's gesture: asked here, kept by the big-screen route
    void document.documentElement.requestFullscreen?.().catch(() => undefined);
    navigate(`/screen?from=${encodeURIComponent(params.from)}&refresh=${params.refresh || 30}`);
  };
  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        description={t('dashboard.description')}
        actions={
          <>
            <DashboardControls from={params.from} refresh={params.refresh} onChange={params.set} updatedAt={q.dataUpdatedAt} />
            <Button icon={<FullscreenOutlined />} onClick={openScreen} data-testid="big-screen">{t('dashboard.bigScreen')}</Button>
          </>
        }
      />
      <QueryState loading={q.isLoading} error={q.error} retry={() => void q.refetch()}>
        {q.data && <DashboardView data={q.data} dark={dark} />}
      </QueryState>
    </>
  );
}
