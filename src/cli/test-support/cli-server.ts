import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../../openapi/test-support/server.js';

export interface CliServer {
  t: TestServer;
  /** A scratch folder for the files the test hands to the CLI. */
  dir: string;
  /** Stops the server, removes `dir` and gives the environment back as it was before the start. */
  close(): Promise<void>;
}

/**
 * A real server for in-process CLI tests, whose root AccessKey the CLI finds in the environment
 * (BULWARK_ACCESS_KEY_ID / BULWARK_ACCESS_KEY_SECRET). `startEnv` is set only while the server starts
 * (e.g. `BULWARK_EVENTS_RULE_INTERVAL`).
 */
export async function startCliServer(prefix: string, startEnv: Record<string, string> = {}): Promise<CliServer> {
  const saved = { ...process.env };
  Object.assign(process.env, startEnv);
  let t: TestServer;
  try {
    t = await startTestServer();
  } finally {
    for (const k of Object.keys(startEnv)) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  }
  process.env.BULWARK_ACCESS_KEY_ID = t.root.accessKeyId;
  process.env.BULWARK_ACCESS_KEY_SECRET = t.root.accessKeySecret;
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    t,
    dir,
    close: async () => {
      process.env = saved;
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
