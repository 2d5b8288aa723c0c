import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';

/** Shapes of the reputation API answers (`POST /api/reputation/<op>`, src/reputation/routes.ts). */

export type DecisionAction = 'ban' | 'challenge' | 'log';
export type DecisionOrigin = 'bulwark' | 'manual' | 'import';

export interface Decision {
  id: string;
  value: string;
  scope: string;
  action: DecisionAction;
  origin: DecisionOrigin;
  scenario: string;
  evidence: Record<string, unknown>;
  createdAt: string;
  until: string;
  deletedAt?: string;
}

export interface Lookup {
  ip: string;
  score: number;
  allowlisted: boolean;
  active: Decision[];
  history: Decision[];
}

export interface AllowlistEntry {
  value: string;
  comment: string;
}

export interface ReputationSettings {
  weights: Partial<Record<string, number>>;
  halfLifeSeconds: number;
  banScore: number;
  logScore: number;
  banSeconds: number;
  repeatFactor: number;
  maxBanSeconds: number;
  crawlers: { enabled: boolean; suffixes?: string[] };
  scenarios: Record<string, { capacity: number; leakSeconds: number }>;
}

export interface BanBody {
  ip: string;
  duration: string;
  type: DecisionAction;
  reason: string;
}

export const DECISIONS_KEY = ['reputation', 'decisions'] as const;
export const ALLOWLIST_KEY = ['reputation', 'allowlist'] as const;
export const SETTINGS_KEY = ['reputation', 'settings'] as const;

export const reputationApi = {
  list: () => api.post<{ decisions: Decision[] }>('/reputation/list', {}),
  show: (ip: string) => api.post<Lookup>('/reputation/show', { ip }),
  ban: (body: BanBody) => api.post<{ created: boolean; decision?: Decision }>('/reputation/ban', body),
  unban: (ip: string) => api.post<{ deleted: number }>('/reputation/unban', { ip }),
  allowlist: () => api.post<{ allowlist: AllowlistEntry[] }>('/reputation/allowlist/list', {}),
  allow: (ip: string, comment: string) => api.post<{ allowlist: AllowlistEntry[] }>('/reputation/allowlist/add', { ip, comment }),
  disallow: (ip: string) => api.post<{ removed: boolean }>('/reputation/allowlist/remove', { ip }),
  settings: () => api.post<{ settings: ReputationSettings }>('/reputation/settings', {}),
  setSettings: (settings: ReputationSettings) => api.post<{ settings: ReputationSettings }>('/reputation/settings', { settings }),
  importList: (body: { format: 'text' | 'json'; content: string; duration: string }) => api.post<{ created: number; skipped: number }>('/reputation/import', body),
  exportText: () => api.post<{ content: string }>('/reputation/export', { format: 'text' }),
  exportJson: () => api.post<{ decisions: Decision[] }>('/reputation/export', { format: 'json' }),
  createBouncer: (name: string) => api.post<{ name: string; apiKey: string }>('/reputation/bouncers/create', { name }),
};

export const useDecisions = () => useQuery({ queryKey: DECISIONS_KEY, queryFn: reputationApi.list });
export const useAllowlist = () => useQuery({ queryKey: ALLOWLIST_KEY, queryFn: reputationApi.allowlist });
export const useReputationSettings = () => useQuery({ queryKey: SETTINGS_KEY, queryFn: reputationApi.settings });

/** RAM actions of the changes the reputation page offers (the `/me` `can` map reports them). */
export const REPUTATION_WRITES = {
  ban: 'bulwark:CreateReputationDecision',
  unban: 'bulwark:DeleteReputationDecision',
  allowlist: 'bulwark:UpdateReputationAllowlist',
  settings: 'bulwark:SetReputationSettings',
  bouncer: 'bulwark:CreateReputationBouncer',
} as const;
