import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from './client.js';

/** Server-side paging of a RAM list (opaque markers): the current page and next/previous. */
export function useRamPage<T>(key: string, path: string, outer: string, inner: string, pageSize = 20) {
  const [markers, setMarkers] = useState<string[]>(['']);
  const marker = markers[markers.length - 1]!;
  const q = useQuery({
    queryKey: [key, marker, pageSize],
    queryFn: () => api.get<Record<string, unknown>>(path, { MaxItems: pageSize, Marker: marker || undefined }),
  });
  const items = ((q.data?.[outer] as Record<string, T[]> | undefined)?.[inner] ?? []) as T[];
  return {
    ...q,
    items,
    page: markers.length,
    hasNext: q.data?.IsTruncated === true,
    next: () => setMarkers((m) => [...m, String(q.data?.Marker ?? '')]),
    prev: () => setMarkers((m) => (m.length > 1 ? m.slice(0, -1) : m)),
  };
}

/** Server-side paging of a KMS list (page numbers and a total). */
export function useKmsPage<T>(key: string, path: string, outer: string, inner: string, pageSize = 10) {
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: [key, page, pageSize],
    queryFn: () => api.get<Record<string, unknown>>(path, { PageNumber: page, PageSize: pageSize }),
  });
  const items = ((q.data?.[outer] as Record<string, T[]> | undefined)?.[inner] ?? []) as T[];
  return { ...q, items, page, setPage, total: Number(q.data?.TotalCount ?? 0), pageSize };
}
