import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTree, writeTree, type TreeEntry } from '../../test-support/tree.js';
import { builtinPolicies } from '../builtin-policies.js';
import { runCommand, type CommandOutput } from '../command-runner.js';
import type { EvalContext } from '../context.js';
import { evaluatePolicy } from '../evaluator.js';
import type { Policy } from '../policy.js';

/** A fixture file: content and mode. */
type Entry = readonly [content: string, mode?: number];
type Spec = Record<string, Entry>;

const TCP_HEADER = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
const listen = (n: number, addr: string, port: number) => `   ${n}: ${addr}:${port.toString(16).toUpperCase().padStart(4, '0')} 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 ${1000 + n} 1 0000000000000000 100 0 0 10 0\n`;
const ANY4 = '00000000';
const LOOPBACK4 = '0100007F';

const sysctl = (values: Record<string, string>): Spec => Object.fromEntries(Object.entries(values).map(([k, v]) => [`proc/sys/${k.replace(/\./g, '/')}`, [`${v}\n`]]));

const NETWORK_KEYS = ['net.ipv4.ip_forward', 'net.ipv4.conf.all.send_redirects', 'net.ipv4.conf.default.send_redirects', 'net.ipv4.conf.all.accept_redirects', 'net.ipv4.conf.default.accept_redirects', 'net.ipv4.conf.all.secure_redirects', 'net.ipv4.conf.default.secure_redirects', 'net.ipv4.conf.all.accept_source_route', 'net.ipv4.conf.default.accept_source_route', 'net.ipv6.conf.all.accept_ra', 'net.ipv6.conf.default.accept_ra', 'net.ipv6.conf.all.accept_redirects', 'net.ipv6.conf.default.accept_redirects'];
const ON_KEYS = ['net.ipv4.tcp_syncookies', 'net.ipv4.icmp_echo_ignore_broadcasts', 'net.ipv4.icmp_ignore_bogus_error_responses', 'net.ipv4.conf.all.rp_filter', 'net.ipv4.conf.default.rp_filter', 'net.ipv4.conf.all.log_martians', 'net.ipv4.conf.default.log_martians'];

const OS_DEBIAN12 = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n';
const OS_UBUNTU2404 = 'PRETTY_NAME="Ubuntu 24.04.1 LTS"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID="24.04"\nVERSION_CODENAME=noble\nUBUNTU_CODENAME=noble\n';
const OS_ROCKY9 = 'NAME="Rocky Linux"\nID="rocky"\nID_LIKE="rhel centos fedora"\nVERSION_ID="9.4"\nPLATFORM_ID="platform:el9"\nPRETTY_NAME="Rocky Linux 9.4 (Blue Onyx)"\n';

/** A host hardened as every Bulwark check asks. */
const HARDENED: Spec = {
  'etc/ssh/sshd_config': ['Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin no\nPasswordAuthentication no\nMaxAuthTries 4\nX11Forwarding no\nClientAliveInterval 300\nLoginGraceTime 60\n', 0o600],
  'etc/ssh/sshd_config.d/50-bulwark.conf': ['Ciphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com\n', 0o600],
  'etc/ssh/ssh_host_ed25519_key': ['key\n', 0o600],
  'etc/login.defs': ['PASS_MAX_DAYS 365\nPASS_MIN_DAYS 1\nPASS_WARN_AGE 7\n'],
  'etc/pam.d/common-password': ['password requisite pam_pwquality.so retry=3\npassword [success=1 default=ignore] pam_unix.so obscure use_authtok yescrypt\n'],
  'etc/pam.d/common-auth': ['auth required pam_faillock.so preauth\nauth [success=1 default=ignore] pam_unix.so\nauth [default=die] pam_faillock.so authfail\n'],
  'etc/security/pwquality.conf.d/50-length.conf': ['minlen = 14\n'],
  'etc/security/faillock.conf': ['deny = 5\nunlock_time = 900\n'],
  'etc/passwd': ['root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n', 0o644],
  'etc/group': ['root:x:0:\nalice:x:1000:\n', 0o644],
  'etc/shadow': ['root:$y$j9T$a$b:19700:1:365:7:::\nalice:!:19700:1:365:7:::\n', 0o640],
  'etc/gshadow': ['root:*::\n', 0o640],
  'etc/crontab': ['17 * * * * root cd / && run-parts --report /etc/cron.hourly\n', 0o600],
  ...sysctl(Object.fromEntries([...NETWORK_KEYS.map((k) => [k, '0']), ...ON_KEYS.map((k) => [k, '1']), ['kernel.randomize_va_space', '2']])),
  'etc/audit/auditd.conf': ['max_log_file_action = keep_logs\n'],
  'etc/audit/rules.d/50-identity.rules': ['-w /etc/passwd -p wa -k identity\n-w /etc/shadow -p wa -k identity\n-w /etc/group -p wa -k identity\n-w /etc/sudoers -p wa -k scope\n'],
  'proc/101/comm': ['auditd\n'],
  'proc/102/comm': ['chronyd\n'],
  'etc/chrony/chrony.conf': ['pool 2.debian.pool.ntp.org iburst\n'],
  'proc/net/tcp': [TCP_HEADER + listen(0, LOOPBACK4, 22) + listen(1, LOOPBACK4, 3306) + listen(2, LOOPBACK4, 6379) + listen(3, LOOPBACK4, 27017) + listen(4, LOOPBACK4, 9200) + listen(5, LOOPBACK4, 11211)],
  'proc/net/tcp6': [TCP_HEADER + listen(0, '00000000000000000000000001000000', 22)],
  'proc/net/udp': [TCP_HEADER],
  'proc/net/udp6': [TCP_HEADER],
  'etc/mysql/my.cnf': ['[mysqld]\nbind-address = 127.0.0.1\n'],
  'etc/redis/redis.conf': ['bind 127.0.0.1 -::1\nrequirepass 8f3c2d9e4b1a7f6e\n'],
  'etc/mongod.conf': ['net:\n  port: 27017\n  bindIp: 127.0.0.1\n'],
  'etc/elasticsearch/elasticsearch.yml': ['network.host: 127.0.0.1\n'],
  'etc/memcached.conf': ['-m 64\n-p 11211\n-l 127.0.0.1\n-U 0\n'],
  // apt family
  'usr/bin/unattended-upgrade': ['#!/usr/bin/python3\n', 0o755],
  'etc/apt/apt.conf.d/20auto-upgrades': ['APT::Periodic::Update-Package-Lists "1";\nAPT::Periodic::Unattended-Upgrade "1";\n'],
  'etc/apt/apt.conf.d/50unattended-upgrades': ['Unattended-Upgrade::Origins-Pattern {\n        "origin=Debian,codename=${distro_codename},label=Debian";\n        "origin=Debian,codename=${distro_codename}-security,label=Debian-Security";\n};\n'],
  // RHEL family
  'etc/dnf/automatic.conf': ['[commands]\nupgrade_type = security\napply_updates = yes\n'],
  'etc/systemd/system/timers.target.wants/dnf-automatic.timer': ['[Timer]\n'],
  'etc/selinux/config': ['SELINUX=enforcing\nSELINUXTYPE=targeted\n'],
  'etc/crypto-policies/config': ['DEFAULT\n'],
};

/** A host failing every Bulwark check. */
const WEAK: Spec = {
  'etc/ssh/sshd_config': ['PermitRootLogin yes\nPasswordAuthentication yes\nPermitEmptyPasswords yes\nMaxAuthTries 6\nX11Forwarding yes\nHostbasedAuthentication yes\nClientAliveInterval 0\nLoginGraceTime 120\nCiphers aes128-cbc,3des-cbc\n', 0o644],
  'etc/ssh/ssh_host_ed25519_key': ['key\n', 0o644],
  'etc/login.defs': ['PASS_MAX_DAYS 99999\nPASS_MIN_DAYS 0\nPASS_WARN_AGE 3\n'],
  'etc/pam.d/common-password': ['password [success=1 default=ignore] pam_unix.so obscure yescrypt\n'],
  'etc/pam.d/common-auth': ['auth [success=1 default=ignore] pam_unix.so nullok\n'],
  'etc/security/pwquality.conf': ['minlen = 8\n'],
  'etc/security/faillock.conf': ['deny = 0\nunlock_time = 60\n'],
  'etc/passwd': ['root:x:0:0:root:/root:/bin/bash\ntoor:x:0:0::/root:/bin/sh\n', 0o666],
  'etc/group': ['root:x:0:\n', 0o644],
  'etc/shadow': ['root::19700:0:99999:7:::\ntoor:$y$j9T$a$b:19700:0:99999:7:::\n', 0o644],
  'etc/gshadow': ['root:*::\n', 0o640],
  'etc/crontab': ['* * * * * root /tmp/x\n', 0o644],
  ...sysctl(Object.fromEntries([...NETWORK_KEYS.map((k) => [k, '1']), ...ON_KEYS.map((k) => [k, '0']), ['kernel.randomize_va_space', '0']])),
  'etc/audit/auditd.conf': ['max_log_file_action = ROTATE\n'],
  'etc/audit/rules.d/10-base.rules': ['-D\n-b 8192\n'],
  'proc/1/comm': ['systemd\n'],
  'etc/chrony/chrony.conf': ['driftfile /var/lib/chrony/chrony.drift\n'],
  'proc/net/tcp': [TCP_HEADER + [22, 3389, 3306, 6379, 27017, 9200, 11211].map((p, i) => listen(i, ANY4, p)).join('')],
  'proc/net/tcp6': [TCP_HEADER],
  'proc/net/udp': [TCP_HEADER + listen(0, ANY4, 11211).replace(' 0A ', ' 07 ')],
  'proc/net/udp6': [TCP_HEADER],
  'etc/mysql/mariadb.conf.d/50-server.cnf': ['[mysqld]\nbind-address = 0.0.0.0\nskip-grant-tables\n'],
  'etc/redis/redis.conf': ['bind 0.0.0.0\nprotected-mode no\n'],
  'etc/mongod.conf': ['net:\n  port: 27017\n  bindIp: 0.0.0.0\n'],
  'etc/elasticsearch/elasticsearch.yml': ['network.host: 0.0.0.0\n'],
  'etc/memcached.conf': ['-m 64\n-p 11211\n-l 0.0.0.0\n'],
  'etc/apt/apt.conf.d/20auto-upgrades': ['APT::Periodic::Update-Package-Lists "0";\nAPT::Periodic::Unattended-Upgrade "0";\n'],
  'etc/apt/apt.conf.d/50unattended-upgrades': ['Unattended-Upgrade::Origins-Pattern {\n        "origin=Debian,codename=${distro_codename},label=Debian";\n//      "origin=Debian,codename=${distro_codename}-security,label=Debian-Security";\n};\n'],
  'etc/dnf/automatic.conf': ['[commands]\napply_updates = no\n'],
  'etc/selinux/config': ['SELINUX=permissive\n'],
  'etc/crypto-policies/config': ['LEGACY\n'],
};

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

function build(spec: Spec, osRelease: string): string {
  const tree: Record<string, TreeEntry> = Object.fromEntries(Object.entries(spec).map(([p, [content]]) => [p, content]));
  const root = writeTree({ ...tree, 'etc/os-release': osRelease });
  for (const [p, [, mode]] of Object.entries(spec)) if (mode !== undefined) chmodSync(join(root, p), mode);
  roots.push(root);
  return root;
}

/**
 * Commands run for real under the fixture root (stat), except the MySQL login, answered as a server
 * would: refused on the hardened host, accepted on the weak one.
 */
function context(root: string, mysqlAcceptsEmptyRootPassword: boolean): EvalContext {
  const run = (line: string): Promise<CommandOutput> => {
    if (line.startsWith('mysql ')) {
      return Promise.resolve(
        mysqlAcceptsEmptyRootPassword
          ? { ok: true, stdout: 'bulwark-root-without-password\n', stderr: '', exitCode: 0, truncated: false }
          : { ok: true, stdout: '', stderr: "ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: NO)\n", exitCode: 1, truncated: false },
      );
    }
    return runCommand(line, root);
  };
  return { root, commands: { allowed: true, run } };
}

const policies = new Map(builtinPolicies().map((p) => [p.id, p]));
const policy = (id: string): Policy => policies.get(id)!;

describe("Bulwark's built-in policies", () => {
  it('are the Linux common, apt-family and RHEL 9 policies; every check has rationale, remediation and a CIS, MLPS and ISO 27001:2022 mapping', () => {
    expect([...policies.keys()]).toEqual(['bulwark_debian_ubuntu', 'bulwark_linux', 'bulwark_rhel9']);
    for (const p of policies.values()) {
      for (const c of p.checks) {
        expect(c.rationale, `${c.id}`).toBeTruthy();
        expect(c.remediation, `${c.id}`).toBeTruthy();
        expect(c.compliance.cis?.length, `${c.id} cis`).toBeGreaterThan(0);
        expect(c.compliance.mlps?.every((m) => /^8\.1\.\d+\.\d+\([a-k]\)$/.test(m)), `${c.id} mlps`).toBe(true);
        expect(c.compliance['iso_27001-2022']?.every((a) => /^A\.[5-8]\.\d+$/.test(a)), `${c.id} iso`).toBe(true);
        expect(c.rules.every((r) => r.invalid === undefined), `${c.id} rules usable`).toBe(true);
      }
    }
  });

  it('are read once per process (the daemon scans with them again and again)', () => {
    expect(builtinPolicies()).toBe(builtinPolicies());
  });

  it.each([
    ['Debian 12', OS_DEBIAN12, ['bulwark_debian_ubuntu', 'bulwark_linux']],
    ['Ubuntu 24.04', OS_UBUNTU2404, ['bulwark_debian_ubuntu', 'bulwark_linux']],
    ['Rocky Linux 9', OS_ROCKY9, ['bulwark_linux', 'bulwark_rhel9']],
    ['Alpine', 'ID=alpine\nVERSION_ID=3.20.0\n', []],
  ])('select themselves by os-release: %s', async (_name, osRelease, expected) => {
    const root = build({}, osRelease);
    const applied: string[] = [];
    for (const p of policies.values()) if (!(await evaluatePolicy(p, context(root, false))).skipped) applied.push(p.id);
    expect(applied).toEqual(expected);
  });

  describe.each([
    ['bulwark_linux', OS_DEBIAN12],
    ['bulwark_linux', OS_ROCKY9],
    ['bulwark_debian_ubuntu', OS_UBUNTU2404],
    ['bulwark_rhel9', OS_ROCKY9],
  ])('%s on %#', (id, osRelease) => {
    it('every check passes on the hardened fixture', async () => {
      const result = await evaluatePolicy(policy(id), context(build(HARDENED, osRelease), false));
      expect(result.checks.filter((c) => c.result !== 'passed').map((c) => `${c.id} ${c.result} ${c.reason ?? ''}`)).toEqual([]);
      expect(result.summary.passed).toBe(policy(id).checks.length);
    });

    it('every check fails on the weak fixture', async () => {
      const result = await evaluatePolicy(policy(id), context(build(WEAK, osRelease), true));
      expect(result.checks.filter((c) => c.result !== 'failed').map((c) => `${c.id} ${c.result} ${c.reason ?? ''}`)).toEqual([]);
      expect(result.summary.failed).toBe(policy(id).checks.length);
    });
  });
});
