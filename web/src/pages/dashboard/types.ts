/** The traffic part of `POST /console/api/dashboard`, as the server builds it. */
import type { TrafficSection } from '../../../../src/console/dashboard/traffic.js';

export type Traffic = TrafficSection;

export type HostRisk = 'critical' | 'high' | 'medium' | 'low' | 'none' | 'unknown';
export type VulnSeverity = 'critical' | 'high' | 'medium' | 'low' | 'negligible' | 'unknown';
export type AlertBand = 'critical' | 'high' | 'medium' | 'low';

export interface Hosts {
  total: number;
  status: Record<'online' | 'offline' | 'never', number>;
  risk: Record<HostRisk, number>;
  baseline: { hosts: number; passed: number; failed: number; notApplicable: number; passRate: number | null };
}

export interface PostureScore {
  framework: { id: string; name: string; version: string };
  score: number | null;
  passed: number;
  failed: number;
  manual: number;
  coverage: number;
}

export interface DashboardData {
  range: { from: string; to: string; intervalMs: number };
  traffic: Traffic | null;
  hosts: Hosts | null;
  vulnerabilities: (Record<VulnSeverity, number> & { hosts: number }) | null;
  alerts: { unresolved: number; bySeverity: Array<{ severity: AlertBand; open: number; acknowledged: number; closed: number }> } | null;
  posture: PostureScore[] | null;
}

export const HOST_RISKS: readonly HostRisk[] = ['critical', 'high', 'medium', 'low', 'none', 'unknown'];
export const VULN_SEVERITIES: readonly VulnSeverity[] = ['critical', 'high', 'medium', 'low', 'negligible', 'unknown'];
export const RANGES = ['-1h', '-6h', '-24h', '-7d', '-30d'] as const;
/** auto-refresh choices in seconds (0 = off) */
export const REFRESH = [0, 10, 30, 60, 300] as const;
