import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useNavigate } from 'react-router';
import { ApiError, SESSION_EXPIRED_EVENT } from './api/client.js';
import { useMe } from './auth/session.js';
import { SignIn } from './auth/SignIn.js';
import { Shell } from './layout/Shell.js';
import { QueryState } from './components/QueryState.js';
import { Overview } from './pages/Overview.js';
import { Users } from './pages/identity/Users.js';
import { Groups } from './pages/identity/Groups.js';
import { Roles } from './pages/identity/Roles.js';
import { Policies } from './pages/identity/Policies.js';
import { MfaDevices } from './pages/identity/MfaDevices.js';
import { PasswordPolicy } from './pages/identity/PasswordPolicy.js';
import { SecurityPreference } from './pages/identity/SecurityPreference.js';
import { Keys } from './pages/keys/Keys.js';
import { Secrets } from './pages/keys/Secrets.js';
import { AuditTrail } from './pages/audit/AuditTrail.js';
import { Compliance } from './pages/compliance/Compliance.js';
import { Sites } from './pages/protection/Sites.js';
import { AttackLog } from './pages/protection/AttackLog.js';
import { Reputation } from './pages/reputation/Reputation.js';
import { VulnFeeds } from './pages/vuln/VulnFeeds.js';
import { Hosts } from './pages/hosts/Hosts.js';
import { HostDetail } from './pages/hosts/HostDetail.js';
import { EventSearch } from './pages/events/EventSearch.js';
import { Alerts } from './pages/alerts/Alerts.js';
import { Incidents } from './pages/incidents/Incidents.js';
// the dashboards (and ECharts) load on first use, not with every console page
const Dashboard = lazy(() => import('./pages/dashboard/Dashboard.js').then((m) => ({ default: m.Dashboard })));
const BigScreen = lazy(() => import('./pages/dashboard/BigScreen.js').then((m) => ({ default: m.BigScreen })));

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2, refetchOnWindowFocus: false } },
});

/** A system preference (dark colours, reduced motion), followed live. */
function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const mql = window.matchMedia(query);
    const on = (e: MediaQueryListEvent) => setMatches(e.matches);
    mql.addEventListener('change', on);
    return () => mql.removeEventListener('change', on);
  }, [query]);
  return matches;
}

/** An expired session anywhere sends the user to sign-in, saying why. */
function SessionExpiry() {
  const navigate = useNavigate();
  useEffect(() => {
    const on = () => {
      queryClient.clear();
      navigate('/signin?expired=1', { replace: true });
    };
    window.addEventListener(SESSION_EXPIRED_EVENT, on);
    return () => window.removeEventListener(SESSION_EXPIRED_EVENT, on);
  }, [navigate]);
  return null;
}

function RequireSession() {
  const me = useMe();
  if (me.error instanceof ApiError && me.error.status === 401) return <Navigate to="/signin" replace />;
  if (me.data && me.data.session.nextStep !== 'active') return <Navigate to="/signin" replace />;
  return (
    <QueryState loading={me.isLoading} error={me.error} retry={() => void me.refetch()}>
      <Shell />
    </QueryState>
  );
}

export function ConsoleApp() {
  const { i18n } = useTranslation();
  const dark = useMediaQuery('(prefers-color-scheme: dark)');
  const reducedMotion = useMediaQuery('(prefers-reduced-motion: reduce)');
  return (
    <ConfigProvider locale={i18n.language === 'zh-CN' ? zhCN : enUS} theme={{ algorithm: dark ? theme.darkAlgorithm : theme.defaultAlgorithm, token: { motion: !reducedMotion } }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter basename="/console">
            <SessionExpiry />
            <Routes>
              <Route path="/signin" element={<SignIn />} />
              <Route path="/screen" element={<Suspense><BigScreen /></Suspense>} />
              <Route element={<RequireSession />}>
                <Route index element={<Overview />} />
                <Route path="identity/users" element={<Users />} />
                <Route path="identity/groups" element={<Groups />} />
                <Route path="identity/roles" element={<Roles />} />
                <Route path="identity/policies" element={<Policies />} />
                <Route path="identity/mfa" element={<MfaDevices />} />
                <Route path="identity/password-policy" element={<PasswordPolicy />} />
                <Route path="identity/security" element={<SecurityPreference />} />
                <Route path="keys/kms" element={<Keys />} />
                <Route path="keys/secrets" element={<Secrets />} />
                <Route path="protection/sites" element={<Sites />} />
                <Route path="protection/attacks" element={<AttackLog />} />
                <Route path="protection/reputation" element={<Reputation />} />
                <Route path="hosts" element={<Hosts />} />
                <Route path="hosts/vulnerabilities" element={<VulnFeeds />} />
                <Route path="hosts/:hostId" element={<HostDetail />} />
                <Route path="security/dashboard" element={<Suspense><Dashboard /></Suspense>} />
                <Route path="security/events" element={<EventSearch />} />
                <Route path="security/alerts" element={<Alerts />} />
                <Route path="security/incidents" element={<Incidents />} />
                <Route path="compliance" element={<Compliance />} />
                <Route path="audit" element={<AuditTrail />} />
                <Route path="*" element={<Navigate to="/" replace />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
