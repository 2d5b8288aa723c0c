import { describe, expect, it } from 'vitest';
import { parseSshdMessage } from './sshd-message.js';

describe('parseSshdMessage', () => {
  it.each([
    ['Failed password for root from 203.0.113.5 port 52144 ssh2', { kind: 'failed', ip: '203.0.113.5', port: 52144, user: 'root', invalidUser: false, method: 'password' }],
    ['Failed password for invalid user admin from 203.0.113.5 port 52144 ssh2', { kind: 'failed', user: 'admin', invalidUser: true }],
    ['Failed publickey for git from 2001:db8::7 port 40000 ssh2: RSA SHA256:abcdef', { kind: 'failed', ip: '2001:db8::7', user: 'git', method: 'publickey' }],
    ['Failed keyboard-interactive/pam for invalid user x y from 198.51.100.1 port 1 ssh2', { kind: 'failed', user: 'x y', method: 'keyboard-interactive/pam' }],
    ['Invalid user oracle from 198.51.100.2 port 33000', { kind: 'invalid-user', user: 'oracle', port: 33000, invalidUser: true }],
    ['Invalid user oracle from 198.51.100.2', { kind: 'invalid-user', user: 'oracle', ip: '198.51.100.2', invalidUser: true }],
    ['Accepted password for alice from 192.0.2.10 port 50000 ssh2', { kind: 'accepted', user: 'alice', method: 'password', invalidUser: false }],
    ['Accepted publickey for deploy from 192.0.2.11 port 50001 ssh2: ED25519 SHA256:Zm9v', { kind: 'accepted', user: 'deploy', method: 'publickey' }],
    ['Connection closed by invalid user admin 198.51.100.3 port 4444 [preauth]', { kind: 'closed-preauth', user: 'admin', invalidUser: true, port: 4444 }],
    ['Connection closed by authenticating user root 198.51.100.3 port 4445 [preauth]', { kind: 'closed-preauth', user: 'root', invalidUser: false }],
    ['Connection closed by 198.51.100.3 port 4446 [preauth]', { kind: 'closed-preauth', ip: '198.51.100.3', invalidUser: false }],
    ['error: maximum authentication attempts exceeded for root from 198.51.100.4 port 2222 ssh2 [preauth]', { kind: 'max-attempts', user: 'root', ip: '198.51.100.4' }],
    ['error: maximum authentication attempts exceeded for invalid user test from 198.51.100.4 port 2223 ssh2 [preauth]', { kind: 'max-attempts', user: 'test', invalidUser: true }],
    ['Disconnected from authenticating user root 198.51.100.5 port 1000 [preauth]', { kind: 'disconnected-preauth', user: 'root' }],
    ['Disconnected from invalid user pi 198.51.100.5 port 1001 [preauth]', { kind: 'disconnected-preauth', user: 'pi', invalidUser: true }],
    ['message repeated 4 times: [ Failed password for root from 203.0.113.9 port 1 ssh2]', { kind: 'failed', user: 'root', repeat: 4 }],
  ])('%s', (message, expected) => {
    expect(parseSshdMessage(message)).toMatchObject(expected);
  });

  it('ignores other messages and host names in place of addresses', () => {
    expect(parseSshdMessage('Server listening on 0.0.0.0 port 22.')).toBeUndefined();
    expect(parseSshdMessage('pam_unix(sshd:session): session opened for user alice(uid=1000) by (uid=0)')).toBeUndefined();
    expect(parseSshdMessage('Failed password for root from attacker.example port 22 ssh2')).toBeUndefined();
    expect(parseSshdMessage('Disconnected from user alice 192.0.2.10 port 50000')).toBeUndefined();
  });
});
