import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initAccount } from '../../iam/bootstrap.js';
import type { CreatedAccount } from '../../iam/accounts.js';
import { startServer, type RunningServer } from '../../server/start.js';
import { createLogger } from '../../core/logger.js';

export interface TestServer {
  server: RunningServer;
  root: CreatedAccount;
  /** `127.0.0.1:port`, the endpoint form SDKs take */
  endpoint: string;
  close(): Promise<void>;
}

/** A real server on an ephemeral port over a fresh SQLite data dir, with one initialised account. */
export async function startTestServer(): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bw-openapi-'));
  const server = await startServer(
    Object.freeze({ dataDir, listen: '127.0.0.1:0', logLevel: 'silent' as const, shutdownTimeout: 5 }),
    { logger: createLogger({ level: 'silent' }) },
  );
  const root = await initAccount(server.platform);
  return {
    server,
    root,
    endpoint: server.url.replace(/^http:\/\//, ''),
    close: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
