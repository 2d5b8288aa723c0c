import { describe, expect, it } from 'vitest';
import { targetProblem } from './response-form.js';

describe('response action targets', () => {
  it('accepts what the agent can act on and names the problem otherwise', () => {
    expect(targetProblem('block', '203.0.113.9')).toBeNull();
    expect(targetProblem('block', '2001:db8::1')).toBeNull();
    expect(targetProblem('block', '203.0.113.300')).toBe('hosts.response.validation.ip');
    expect(targetProblem('unblock', 'example.com')).toBe('hosts.response.validation.ip');
    expect(targetProblem('kill', '4242')).toBeNull();
    expect(targetProblem('kill', '0')).toBe('hosts.response.validation.pid');
    expect(targetProblem('quarantine', '/var/www/shell.php')).toBeNull();
    expect(targetProblem('quarantine', 'shell.php')).toBe('hosts.response.validation.path');
    expect(targetProblem('restore', 'q-lx2abc-0123abcd')).toBeNull();
    expect(targetProblem('restore', '/tmp/x')).toBe('hosts.response.validation.quarantineId');
  });
});
