import { FullscreenExitOutlined, FullscreenOutlined, LogoutOutlined } from '@ant-design/icons';
import { Button, ConfigProvider, Layout, Space, Typography, theme } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { ApiError } from '../../api/client.js';
import { useMe } from '../../auth/session.js';
import { QueryState } from '../../components/QueryState.js';
import { DashboardControls, useDashboardParams } from './Controls.js';
import { DashboardView } from './DashboardView.js';
import { useDashboard } from './useDashboard.js';

function useFullscreen(): boolean {
  const [on, setOn] = useState(() => document.fullscreenElement !== null);
  useEffect(() => {
    const sync = () => setOn(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', sync);
    return () => document.removeEventListener('fullscreenchange', sync);
  }, []);
  return on;
}

function Screen() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const params = useDashboardParams(30);
  const q = useDashboard(params.from, params.refresh);
  const fullscreen = useFullscreen();
  const toggle = () => void (fullscreen ? document.exitFullscreen() : document.documentElement.requestFullscreen()).catch(() => undefined);
  const leave = () => {
    if (fullscreen) void document.exitFullscreen().catch(() => undefined);
    navigate(`/security/dashboard?from=${encodeURIComponent(params.from)}`);
  };
  return (
    <Layout style={{ minHeight: '100vh', padding: 16 }} data-testid="big-screen-view">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>{t('dashboard.screenTitle')}</Typography.Title>
        <Space wrap>
          <DashboardControls from={params.from} refresh={params.refresh} onChange={params.set} updatedAt={q.dataUpdatedAt} />
          <Button icon={fullscreen ? <FullscreenExitOutlined /> : <FullscreenOutlined />} onClick={toggle} data-testid="fullscreen">{fullscreen ? t('dashboard.exitFullscreen') : t('dashboard.fullscreen')}</Button>
          <Button icon={<LogoutOutlined />} onClick={leave} data-testid="leave-screen">{t('dashboard.leaveScreen')}</Button>
        </Space>
      </Space>
      <QueryState loading={q.isLoading} error={q.error} retry={() => void q.refetch()}>
        {q.data && <DashboardView data={q.data} dark screen />}
      </QueryState>
    </Layout>
  );
}

/** The dashboard for a wall screen: no console chrome, dark, full screen, refreshing itself. */
export function BigScreen() {
  const me = useMe();
  if (me.error instanceof ApiError && me.error.status === 401) return <Navigate to="/signin" replace />;
  if (me.data && me.data.session.nextStep !== 'active') return <Navigate to="/signin" replace />;
  return (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm }}>
      <QueryState loading={me.isLoading} error={me.error} retry={() => void me.refetch()}>
        <Screen />
      </QueryState>
    </ConfigProvider>
  );
}
