import { AuditOutlined, DashboardOutlined, KeyOutlined, SafetyCertificateOutlined, TeamOutlined } from '@ant-design/icons';
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
  { key: 'compliance', label: 'nav.compliance', icon: <SafetyCertificateOutlined />, items: [{ path: '/compliance', label: 'nav.compliance' }] },
  { key: 'audit', label: 'nav.audit', icon: <AuditOutlined />, items: [{ path: '/audit', label: 'nav.audit' }] },
];
