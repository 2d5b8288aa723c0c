import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { SiteDocument } from './site-form.js';
import type { CertificateView } from '../../../../src/sites/certificate-store.js';

/** A managed gateway site as the server lists it (`POST /api/gateway/sites/list`, see src/sites/). */
export interface SiteView {
  name: string;
  site: SiteDocument;
  createdAt: string;
  updatedAt: string;
}

export const SITES_KEY = ['gateway-sites'] as const;

/** The account's managed sites and the configuration revision the gateways run. */
export function useSites() {
  return useQuery({ queryKey: SITES_KEY, queryFn: () => api.post<{ revision: number; sites: SiteView[] }>('/gateway/sites/list', {}) });
}

/** Creates or replaces a site (the server validates it with the gateway's schema and bumps the revision). */
export const putSite = (site: SiteDocument) => api.post<{ name: string; revision: number; created: boolean }>('/gateway/sites/put', { site });

export const deleteSite = (name: string) => api.post<{ revision: number }>('/gateway/sites/delete', { name });

/** A certificate uploaded for managed sites (`POST /api/gateway/certificates/list`); the key never leaves the server. */
export type { CertificateView };

export const CERTIFICATES_KEY = ['gateway-certificates'] as const;

export function useCertificates() {
  return useQuery({ queryKey: CERTIFICATES_KEY, queryFn: () => api.post<{ certificates: CertificateView[] }>('/gateway/certificates/list', {}) });
}

/** Uploads (or replaces) a PEM chain and its private key; the server checks the pair and seals the key. */
export const putCertificate = (input: { name: string; cert: string; key: string }) => api.post<{ certificate: CertificateView; created: boolean }>('/gateway/certificates/put', input);

export const deleteCertificate = (name: string) => api.post<{ revision: number }>('/gateway/certificates/delete', { name });

/** A managed gateway's latest status report (`POST /api/gateway/status/list`, see src/sites/gateway-status.ts). */
export interface GatewayView {
  gatewayId: string;
  version: string;
  /** `unknown`: a cluster gateway that has not gathered its workers' upstream health yet. */
  health: 'reported' | 'unknown';
  listeners: { address: string; tls: boolean; http2: boolean }[];
  sites: { name: string; upstreams: { url: string; healthy?: boolean; ejected?: boolean; inFlight?: number }[] }[];
  lastSeen: string;
  online: boolean;
}

export const GATEWAYS_KEY = ['gateway-status'] as const;

/** The gateways' reports, refreshed every 15 s like the reports themselves. */
export function useGateways() {
  return useQuery({ queryKey: GATEWAYS_KEY, refetchInterval: 15_000, queryFn: () => api.post<{ gateways: GatewayView[] }>('/gateway/status/list', {}) });
}
