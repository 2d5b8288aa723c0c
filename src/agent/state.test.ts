import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadState, saveState, statePath, type AgentState } from './state.js';

const state: AgentState = {
  version: 1,
  server: 'https://bulwark.example.com',
  hostId: '0123456789abcdef',
  accountId: '1234567890123456',
  userName: 'host-0123456789abcdef',
  accessKeyId: 'LTAIabcdefghijklmnopqrst',
  accessKeySecret: 'abcdefghijklmnopqrstuvwxyz0123',
  enrolledAt: '2026-01-01T00:00:00.000Z',
};

describe('agent state', () => {
  it('stores the identity in a 0700 directory as a 0600 file and reads it back', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'bw-state-')), 'nested', 'agent');
    saveState(dir, state);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(statePath(dir)).mode & 0o777).toBe(0o600);
    expect(loadState(dir)).toEqual(state);
    saveState(dir, { ...state, hostId: 'fedcba9876543210' });
    expect(loadState(dir).hostId).toBe('fedcba9876543210');
  });

  it('refuses a missing, readable-by-others or malformed identity', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-state-'));
    expect(() => loadState(dir)).toThrow(expect.objectContaining({ code: 'Agent.NotEnrolled' }));
    saveState(dir, state);
    chmodSync(statePath(dir), 0o644);
    expect(() => loadState(dir)).toThrow(expect.objectContaining({ code: 'Agent.InvalidState', message: expect.stringContaining('chmod 600') }));
    writeFileSync(statePath(dir), JSON.stringify({ ...JSON.parse(readFileSync(statePath(dir), 'utf8')), hostId: '../etc' }), { mode: 0o600 });
    chmodSync(statePath(dir), 0o600);
    expect(() => loadState(dir)).toThrow(expect.objectContaining({ code: 'Agent.InvalidState', message: expect.stringContaining('hostId') }));
  });
});
