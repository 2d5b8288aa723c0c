import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { FeedFormat } from './feed-file.js';

/** Shapes of the vulnerability feed API (`POST /api/vuln/feeds/<op>`, src/agent/vuln/routes.ts). */

export interface FeedRecord {
  id: string;
  format: string;
  source: string;
  advisories: number;
  ranges: number;
  notAffected: number;
  skipped: number;
  importedBy: string;
  importedAt: string;
}

export interface FeedImportResult {
  feedId: string;
  format: FeedFormat;
  source: string;
  advisories: number;
  ranges: number;
  notAffected: number;
  skipped: number;
  hosts: { hosts: number; opened: number; resolved: number };
}

export const FEEDS_KEY = ['vuln', 'feeds'] as const;

export const vulnApi = {
  feeds: () => api.post<{ feeds: FeedRecord[] }>('/vuln/feeds/list', {}),
  importFeed: (body: { source: string; feed: unknown; format?: FeedFormat }) => api.post<FeedImportResult>('/vuln/feeds/import', body),
};

export const useFeeds = () => useQuery({ queryKey: FEEDS_KEY, queryFn: vulnApi.feeds });

export const IMPORT_FEED_ACTION = 'bulwark:ImportVulnerabilityFeed';
