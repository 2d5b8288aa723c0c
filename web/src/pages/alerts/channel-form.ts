import type { Channel, ChannelType } from './api.js';

/** The channel editor's form (flat; secret fields empty = keep the stored value). */
export interface ChannelForm {
  name: string;
  type: ChannelType;
  enabled: boolean;
  url?: string;
  secret?: string;
  clearSecret?: boolean;
  /** webhook headers, one `Name: value` a line */
  headers?: string;
  host?: string;
  port?: number;
  secure?: boolean;
  requireTls?: boolean;
  user?: string;
  pass?: string;
  clearPass?: boolean;
  from?: string;
  to?: string[];
}

export const SIGNED_TYPES: ReadonlySet<ChannelType> = new Set(['webhook', 'dingtalk', 'lark']);

/** `Name: value` lines → a header map (blank lines skipped). */
export function parseHeaders(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf(':');
    if (line.trim() === '' || at <= 0) continue;
    out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return out;
}

const present = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';

/**
 * The channel document to send: the fields of its type; secrets only when typed (or '' to remove),
 * so an edit keeps what the console never sees.
 */
export function channelDocument(v: ChannelForm): Record<string, unknown> {
  const doc: Record<string, unknown> = { type: v.type, name: v.name };
  if (v.type === 'email') {
    Object.assign(doc, { host: v.host, port: v.port ?? 587, secure: v.secure ?? false, from: v.from, to: v.to ?? [] });
    if (v.requireTls !== undefined) doc.requireTls = v.requireTls;
    if (present(v.user)) doc.user = v.user;
    if (v.clearPass) doc.pass = '';
    else if (present(v.pass)) doc.pass = v.pass;
    return doc;
  }
  if (present(v.url)) doc.url = v.url.trim();
  if (SIGNED_TYPES.has(v.type)) {
    if (v.clearSecret) doc.secret = '';
    else if (present(v.secret)) doc.secret = v.secret;
  }
  if (v.type === 'webhook' && present(v.headers)) doc.headers = parseHeaders(v.headers);
  return doc;
}

/** The form of a stored channel: its visible settings; secrets stay empty. */
export function channelForm(c: Channel): ChannelForm {
  const s = c.settings as Partial<ChannelForm>;
  return { name: c.name, type: c.type, enabled: c.enabled, ...(c.type === 'email' ? { host: s.host, port: s.port, secure: s.secure, requireTls: s.requireTls, user: s.user, from: s.from, to: s.to } : {}) };
}
