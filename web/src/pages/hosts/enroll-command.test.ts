import { describe, expect, it } from 'vitest';
import { enrollCommand } from './enroll-command.js';

describe('enroll command', () => {
  it('names the server origin and the token with the CLI flags, then starts the agent', () => {
    expect(enrollCommand('https://bulwark.example.com:8443', 'bwe_AbC-123_x')).toBe('bulwark agent enroll --server https://bulwark.example.com:8443 --token bwe_AbC-123_x && bulwark agent run');
  });

  it('quotes anything a shell would interpret', () => {
    expect(enrollCommand("http://h/a b'c", 'bwe_x')).toBe(`bulwark agent enroll --server 'http://h/a b'\\''c' --token bwe_x && bulwark agent run`);
  });
});
