/** The console API client: JSON over fetch, the session cookie, the CSRF header, coded errors. */

const BASE = '/console/api';
const CSRF_KEY = 'bulwark.csrf';

/** An error body from the server: `Code`, `Message`, and `Field` naming the input field when there is one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly requestId?: string,
    readonly policyPath?: string,
  ) {
    super(message);
  }
}

export const SESSION_EXPIRED_EVENT = 'bulwark:session-expired';

export function setCsrfToken(token: string | undefined): void {
  if (token) localStorage.setItem(CSRF_KEY, token);
  else localStorage.removeItem(CSRF_KEY);
}

async function refreshCsrf(): Promise<string> {
  const res = await fetch(`${BASE}/session/csrf`, { credentials: 'same-origin' });
  const body = (await res.json()) as { csrfToken?: string };
  if (!res.ok || !body.csrfToken) throw await toError(res, body);
  setCsrfToken(body.csrfToken);
  return body.csrfToken;
}

async function toError(res: Response, body: unknown): Promise<ApiError> {
  const b = (body ?? {}) as { Code?: string; Message?: string; Field?: string; RequestId?: string; PolicyPath?: string };
  return new ApiError(res.status, b.Code ?? `HTTP${res.status}`, b.Message ?? res.statusText, b.Field, b.RequestId, b.PolicyPath);
}

type Query = Record<string, string | number | boolean | undefined>;

function url(path: string, query?: Query): string {
  const q = Object.entries(query ?? {}).filter(([, v]) => v !== undefined && v !== '');
  return `${BASE}${path}${q.length ? `?${new URLSearchParams(q.map(([k, v]) => [k, String(v)])).toString()}` : ''}`;
}

async function send<T>(method: string, path: string, body: unknown, query: Query | undefined, retried: boolean): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = localStorage.getItem(CSRF_KEY) ?? (path.startsWith('/session') ? '' : await refreshCsrf().catch(() => ''));
  const res = await fetch(url(path, query), { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  const parsed: unknown = text ? JSON.parse(text) : {};
  if (res.ok) return parsed as T;
  const error = await toError(res, parsed);
  if (error.code === 'Console.CsrfMismatch' && !retried) {
    await refreshCsrf();
    return send(method, path, body, query, true);
  }
  if ((error.code === 'Console.SessionExpired' || error.code === 'Console.Unauthenticated') && !path.startsWith('/session')) {
    window.dispatchEvent(new CustomEvent(SESSION_EXPIRED_EVENT, { detail: error.code }));
  }
  throw error;
}

export const api = {
  get: <T>(path: string, query?: Query) => send<T>('GET', path, undefined, query, false),
  post: <T>(path: string, body: unknown = {}) => send<T>('POST', path, body, undefined, false),
  put: <T>(path: string, body: unknown = {}) => send<T>('PUT', path, body, undefined, false),
  del: <T>(path: string, query?: Query) => send<T>('DELETE', path, undefined, query, false),
};

/** A path segment, escaped. */
export const seg = (s: string): string => encodeURIComponent(s);
