import { DesktopOutlined, LogoutOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Layout, Menu, Modal, Space, Typography, theme } from 'antd';
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { api, setCsrfToken } from '../api/client.js';
import { MfaBinding } from '../auth/MfaBinding.js';
import { useMe } from '../auth/session.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { MySessions } from './MySessions.js';
import { NAV } from './nav.js';

/** The signed-in frame: grouped navigation, language, the user menu. */
export function Shell() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const [settingUpMfa, setSettingUpMfa] = useState(false);
  const [sessionsOpen, setSessionsOpen] = useState(false);

  const items = NAV.map((g) =>
    g.items.length === 1 && g.items[0]!.label === g.label
      ? { key: g.items[0]!.path, icon: g.icon, label: t(g.label) }
      : { key: g.key, icon: g.icon, label: t(g.label), children: g.items.map((i) => ({ key: i.path, label: t(i.label) })) },
  );
  const matched = NAV.flatMap((g) => g.items).filter((i) => (i.path === '/' ? location.pathname === '/' : location.pathname.startsWith(i.path))).map((i) => i.path);
  // the most specific item only (/hosts/vulnerabilities is not also /hosts)
  const selected = matched.filter((p) => !matched.some((q) => q.length > p.length && q.startsWith(p)));

  const signOut = async () => {
    await api.del('/session').catch(() => undefined);
    setCsrfToken(undefined);
    queryClient.clear();
    navigate('/signin', { replace: true });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={232} theme="light" style={{ borderRight: `1px solid ${token.colorBorderSecondary}` }} breakpoint="lg" collapsedWidth={0}>
        <div style={{ padding: '16px 24px', fontWeight: 600, fontSize: 18 }}>{t('app.name')}</div>
        <Menu mode="inline" selectedKeys={selected} defaultOpenKeys={NAV.map((g) => g.key)} items={items} onClick={(e) => navigate(e.key)} data-testid="nav" style={{ borderInlineEnd: 0 }} />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: token.colorBgContainer, display: 'flex', justifyContent: 'flex-end', alignItems: 'center', padding: '0 24px', borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
          <Space>
            <LanguageSwitch />
            <Dropdown trigger={['click']} menu={{ items: [
              ...(me.data?.mfaBound === false ? [{ key: 'mfa', icon: <SafetyOutlined />, label: t('shell.setupMfa'), onClick: () => setSettingUpMfa(true) }] : []),
              { key: 'sessions', icon: <DesktopOutlined />, label: t('shell.sessions'), onClick: () => setSessionsOpen(true) },
              { key: 'signout', icon: <LogoutOutlined />, label: t('shell.signOut'), onClick: () => void signOut() },
            ] }}>
              <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
                {me.data?.session.userName} <Typography.Text type="secondary">@{me.data?.session.accountId}</Typography.Text>
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Outlet />
        </Layout.Content>
        <MySessions open={sessionsOpen} onClose={() => setSessionsOpen(false)} />
        <Modal open={settingUpMfa} title={t('shell.setupMfa')} footer={null} onCancel={() => setSettingUpMfa(false)} destroyOnHidden>
          <MfaBinding onBound={async () => {
            setSettingUpMfa(false);
            await queryClient.invalidateQueries({ queryKey: ['me'] });
            void message.success(t('shell.mfaBound'));
          }} />
        </Modal>
      </Layout>
    </Layout>
  );
}
