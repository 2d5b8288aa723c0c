import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BulwarkError } from '../core/errors.js';
import { envName, loadConfig } from './load.js';
import { serverConfig } from './server.js';

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'bw-config-')), 'bulwark.yaml');
  writeFileSync(path, text);
  return path;
}

function failure(fn: () => unknown): BulwarkError {
  try {
    fn();
  } catch (e) {
    if (e instanceof BulwarkError) return e;
    throw e;
  }
  throw new Error('expected a BulwarkError');
}

describe('loadConfig', () => {
  it('merges file < environment < flags', () => {
    const path = file('dataDir: /from/file\nlisten: 127.0.0.1:1000\nlogLevel: debug\n');
    const config = loadConfig(serverConfig, {
      file: path,
      env: { BULWARK_LISTEN: '127.0.0.1:2000', BULWARK_DATABASE_URL: 'postgres://h/db' },
      flags: { listen: '127.0.0.1:3000', dataDir: undefined },
    });
    expect(config).toMatchObject({ dataDir: '/from/file', listen: '127.0.0.1:3000', logLevel: 'debug', database: 'postgres://h/db', shutdownTimeout: 30 });
  });

  it('freezes the result', () => {
    const config = loadConfig(serverConfig, { flags: { dataDir: '/d' } });
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config as { listen: string }).listen = 'x';
    }).toThrow();
  });

  it('names the field, its origin and the expected form for a bad value', () => {
    const fromEnv = failure(() => loadConfig(serverConfig, { env: { BULWARK_DATA_DIR: '/d', BULWARK_LISTEN: 'localhost' } }));
    expect(fromEnv.code).toBe('InvalidConfig');
    expect(fromEnv.message).toContain('"listen" (from BULWARK_LISTEN)');
    expect(fromEnv.message).toContain('HOST:PORT');

    const fromFile = failure(() => loadConfig(serverConfig, { file: file('dataDir: /d\ndatabase: mysql://x\n') }));
    expect(fromFile.message).toMatch(/"database" \(in .*bulwark\.yaml\).*postgres:\/\//);

    const unknown = failure(() => loadConfig(serverConfig, { file: file('dataDir: /d\nlistn: 1\n') }));
    expect(unknown.message).toContain('unknown field(s) "listn"');

    const missing = failure(() => loadConfig(serverConfig, {}));
    expect(missing.message).toContain('"dataDir"');
  });

  it('reports unreadable and non-mapping files as InvalidConfig.File', () => {
    expect(failure(() => loadConfig(serverConfig, { file: '/nonexistent/x.yaml' })).code).toBe('InvalidConfig.File');
    expect(failure(() => loadConfig(serverConfig, { file: file('- a\n- b\n') })).message).toContain('mapping');
    expect(failure(() => loadConfig(serverConfig, { file: file('a: [\n') })).message).toContain('not valid YAML');
  });

  it('maps field names to BULWARK_ variables', () => {
    expect(envName('dataDir')).toBe('BULWARK_DATA_DIR');
    expect(envName('redisUrl')).toBe('BULWARK_REDIS_URL');
    expect(envName('database')).toBe('BULWARK_DATABASE_URL');
  });
});
