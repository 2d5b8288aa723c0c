import { z } from 'zod';

const url = z.string().url().refine((u) => /^https?:\/\//.test(u), 'expected an http(s) URL');
const name = z.string().regex(/^[\w.-]{1,64}$/, 'letters, digits, _ . - (at most 64)');

/** One notification channel, as written in `<dataDir>/events/notify.yaml` (`channels:` list). */
export const channelConfig = z.discriminatedUnion('type', [
  z.object({ type: z.literal('webhook'), name, url, secret: z.string().min(8).optional(), headers: z.record(z.string(), z.string()).optional() }).strict(),
  z.object({ type: z.literal('dingtalk'), name, url, secret: z.string().optional() }).strict(),
  z.object({ type: z.literal('wecom'), name, url }).strict(),
  z.object({ type: z.literal('lark'), name, url, secret: z.string().optional() }).strict(),
  z.object({ type: z.literal('slack'), name, url }).strict(),
  z
    .object({
      type: z.literal('email'),
      name,
      host: z.string().min(1),
      port: z.number().int().min(1).max(65535).default(587),
      secure: z.boolean().default(false),
      /** refuse to send without STARTTLS (default true unless `secure`) */
      requireTls: z.boolean().optional(),
      user: z.string().optional(),
      pass: z.string().optional(),
      from: z.string().min(3),
      to: z.array(z.string().min(3)).min(1),
    })
    .strict(),
]);
export type ChannelConfig = z.infer<typeof channelConfig>;

export const notifyConfig = z
  .object({
    channels: z.array(channelConfig).max(50).default([]),
    /** attempts per channel and alert batch, with exponential back-off */
    attempts: z.number().int().min(1).max(10).default(4),
    backoffMs: z.number().int().min(1).max(60_000).default(1000),
    timeoutMs: z.number().int().min(100).max(60_000).default(10_000),
  })
  .strict();
export type NotifyConfig = z.infer<typeof notifyConfig>;
