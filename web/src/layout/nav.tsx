import { AlertOutlined, AuditOutlined, CloudServerOutlined, DashboardOutlined, KeyOutlined, SafetyCertificateOutlined, SafetyOutlined, TeamOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';

export interface NavItem {
  path: string;
  /** i18n key of the label */
  label: string;
}

export interface NavGroup {
  key: string;
  label: string;
  icon: ReactNode;
  items: NavItem[];
}

/**
 * Registry: the console's modules, grouped as the product is (Identity · Keys · … · Audit trail).
 * Only modules that exist are listed; a new module adds its group or items here and its routes in App.
 */
export const NAV: readonly NavGroup[] = [
  { key: 'overview', label: 'nav.overview', icon: <DashboardOutlined />, items: [{ path: '/', label: 'nav.overview' }] },
  {
    key: 'identity',
    label: 'nav.identity',
    icon: <TeamOutlined />,
    items: [
      { path: '/identity/users', label: 'nav.users' },
      { path: '/identity/groups', label: 'nav.groups' },
      { path: '/identity/roles', label: 'nav.roles' },
      { path: '/identity/policies', label: 'nav.policies' },
      { path: '/identity/mfa', label: 'nav.mfa' },
      { path: '/identity/password-policy', label: 'nav.passwordPolicy' },
      { path: '/identity/security', label: 'nav.securityPreference' },
    ],
  },
  {
    key: 'keys',
    label: 'nav.keys',
    icon: <KeyOutlined />,
    items: [
      { path: '/keys/kms', label: 'nav.kmsKeys' },
      { path: '/keys/secrets', label: 'nav.secrets' },
    ],
  },
  {
    key: 'protection',
    label: 'nav.protection',
    icon: <SafetyOutlined />,
    items: [
      { path: '/protection/sites', label: 'nav.sites' },
      { path: '/protection/attacks', label: 'nav.attacks' },
      { path: '/protection/reputation', label: 'nav.reputation' },
    ],
  },
  { key: 'hosts', label: 'nav.hostsGroup', icon: <CloudServerOutlined />, items: [{ path: '/hosts', label: 'nav.hosts' }, { path: '/hosts/vulnerabilities', label: 'nav.vulnFeeds' }] },
  {
    key: 'security',
    label: 'nav.security',
    icon: <AlertOutlined />,
    items: [
      { path: '/security/dashboard', label: 'nav.dashboard' },
      { path: '/security/events', label: 'nav.events' },
      { path: '/security/alerts', label: 'nav.alerts' },
      { path: '/security/incidents', label: 'nav.incidents' },
    ],
  },
  { key: 'compliance', label: 'nav.compliance', icon: <SafetyCertificateOutlined />, items: [{ path: '/compliance', label: 'nav.compliance' }] },
  { key: 'audit', label: 'nav.audit', icon: <AuditOutlined />, items: [{ path: '/audit', label: 'nav.audit' }] },
];
