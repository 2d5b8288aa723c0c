import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.js';
import type { Me } from '../api/types.js';

/** Who is signed in and which changes they may make (`can['Ram:CreateUser']`). */
export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: () => api.get<Me>('/me'), retry: false, staleTime: 60_000 });
}

/** Whether the signed-in user may perform an action (for read-only screens; the server decides anyway). */
export function useCan(): (action: string) => boolean {
  const me = useMe();
  return (action: string) => me.data?.can[action] === true;
}

/** Whether the user's permissions are known and allow none of these changes (a screen shows it is read-only). */
export function useReadOnly(...actions: string[]): boolean {
  const me = useMe();
  return me.data !== undefined && !actions.some((a) => me.data.can[a] === true);
}
