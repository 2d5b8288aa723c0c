import { describe, expect, it } from 'vitest';
import { parseJournalLine } from './journal-json.js';
import { parseSyslogLine } from './syslog-line.js';

describe('parseSyslogLine', () => {
  const reference = new Date(2026, 10, 29, 12, 0, 0);

  it('reads the classic format, in local time, with the year of the reference', () => {
    const r = parseSyslogLine('Nov  9 01:02:03 web1 sshd[812]: Failed password for root from 203.0.113.5 port 1 ssh2', { reference });
    expect(r).toEqual({ at: new Date(2026, 10, 9, 1, 2, 3).getTime(), host: 'web1', program: 'sshd', pid: 812, message: 'Failed password for root from 203.0.113.5 port 1 ssh2' });
  });

  it('puts December lines read in January into the previous year', () => {
    const r = parseSyslogLine('Dec 31 23:59:59 h sshd[1]: x', { reference: new Date(2027, 0, 1, 0, 5) });
    expect(new Date(r!.at).getFullYear()).toBe(2026);
  });

  it('reads RFC 3339 timestamps with fractions and offsets', () => {
    const r = parseSyslogLine('2026-11-29T10:11:12.123456+01:00 web2 sshd-session[99]: Accepted publickey for a from 192.0.2.1 port 2 ssh2');
    expect(r).toMatchObject({ at: Date.parse('2026-11-29T09:11:12.123Z'), host: 'web2', program: 'sshd-session', pid: 99 });
  });

  it('accepts a tag without pid, a priority prefix and CRLF; rejects other text', () => {
    expect(parseSyslogLine('<38>Nov 29 10:00:00 h sshd: hello\r', { reference })).toMatchObject({ program: 'sshd', message: 'hello' });
    expect(parseSyslogLine('not a syslog line')).toBeUndefined();
    expect(parseSyslogLine('Foo 29 10:00:00 h sshd: x')).toBeUndefined();
  });
});

describe('parseJournalLine', () => {
  it('reads journalctl -o json entries', () => {
    const line = JSON.stringify({ __REALTIME_TIMESTAMP: '1764410000123456', _HOSTNAME: 'db1', SYSLOG_IDENTIFIER: 'sshd', _PID: '4242', MESSAGE: 'Invalid user x from 198.51.100.2 port 5' });
    expect(parseJournalLine(line)).toEqual({ at: 1764410000123, host: 'db1', program: 'sshd', pid: 4242, message: 'Invalid user x from 198.51.100.2 port 5' });
  });

  it('falls back to _COMM and decodes byte-array messages', () => {
    const line = JSON.stringify({ __REALTIME_TIMESTAMP: '1000', _COMM: 'sshd', MESSAGE: [...Buffer.from('Failed password for root from 10.0.0.1 port 1 ssh2')] });
    expect(parseJournalLine(line)).toMatchObject({ program: 'sshd', message: 'Failed password for root from 10.0.0.1 port 1 ssh2', at: 1 });
  });

  it('skips lines that are not journal entries', () => {
    expect(parseJournalLine('{"MESSAGE":"no timestamp","_COMM":"sshd"}')).toBeUndefined();
    expect(parseJournalLine('{broken')).toBeUndefined();
    expect(parseJournalLine('Nov 29 10:00:00 h sshd: x')).toBeUndefined();
    expect(parseJournalLine(JSON.stringify({ __REALTIME_TIMESTAMP: '1', MESSAGE: 'x' }))).toBeUndefined();
  });
});
