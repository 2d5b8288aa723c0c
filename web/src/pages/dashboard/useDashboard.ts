import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { DashboardData } from './types.js';

/** The dashboard for a range (`-24h` … now), refetched every `refreshSeconds` (0: never). */
export function useDashboard(from: string, refreshSeconds: number) {
  return useQuery({
    queryKey: ['dashboard', from],
    queryFn: async () => (await api.post<{ Dashboard: DashboardData }>('/dashboard', { from, to: 'now' })).Dashboard,
    refetchInterval: refreshSeconds > 0 ? refreshSeconds * 1000 : false,
    placeholderData: keepPreviousData,
  });
}
