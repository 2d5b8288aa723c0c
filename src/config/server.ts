import { z } from 'zod';
import { commonConfig, databaseUrl, listenAddress, redisUrl } from './common.js';

/** `bulwark server`: the control plane. */
export const serverConfig = commonConfig
  .extend({
    listen: listenAddress.default('127.0.0.1:8080'),
    database: databaseUrl.optional(),
    redisUrl: redisUrl.optional(),
    /** Seconds to wait for in-flight requests on SIGTERM before closing anyway. */
    shutdownTimeout: z.coerce.number().int().min(1).max(600).default(30),
  })
  .strict();

export type ServerConfig = z.infer<typeof serverConfig>;
