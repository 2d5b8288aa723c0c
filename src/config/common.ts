import { z } from 'zod';

/** `HOST:PORT` with a numeric port 0–65535; IPv6 hosts in brackets (`[::1]:8080`). */
export const listenAddress = z
  .string()
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'expected HOST:PORT, e.g. 127.0.0.1:8080')
  .refine((v) => Number(v.slice(v.lastIndexOf(':') + 1)) <= 65535, 'port must be 0–65535');

export const databaseUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/.+/, 'expected a postgres://user@host:port/db URL (leave empty for embedded SQLite)');

export const redisUrl = z.string().regex(/^rediss?:\/\/.+/, 'expected redis://host:port');

export const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** Fields every role shares. */
export const commonConfig = z
  .object({
    dataDir: z.string().min(1, 'expected a directory path'),
    logLevel: logLevel.default('info'),
  })
  .strict();

export type CommonConfig = z.infer<typeof commonConfig>;
