import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTree, writeTree } from '../test-support/tree.js';
import { parseApkInstalled } from './apk.js';
import { collectInventory } from './collect.js';
import { parseDpkgStatus } from './dpkg.js';
import { parseRpmQuery } from './rpm.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

const DPKG_STATUS = `Package: libssl3
Status: install ok installed
Priority: optional
Architecture: amd64
Multi-Arch: same
Source: openssl
Version: 3.0.15-1~deb12u1
Description: Secure Sockets Layer toolkit - shared libraries
 This package is part of the OpenSSL project's implementation of the SSL
 and TLS cryptographic protocols.
 .
 Version: 0.0 (a continuation line, not a field)

Package: libc6
Status: hold ok installed
Architecture: amd64
Source: glibc (2.36-9+deb12u4)
Version: 2.36-9+deb12u4+b1

Package: oldpkg
Status: deinstall ok config-files
Architecture: all
Version: 1.0

Package: bash
Status: install ok installed
Architecture: amd64
Version: 5.2.15-2+b7
`;

describe('package parsers', () => {
  it('dpkg: installed packages with their source package and version; config-files only is not installed', () => {
    expect(parseDpkgStatus(DPKG_STATUS)).toEqual([
      { manager: 'dpkg', name: 'libssl3', version: '3.0.15-1~deb12u1', arch: 'amd64', source: 'openssl', sourceVersion: '3.0.15-1~deb12u1' },
      { manager: 'dpkg', name: 'libc6', version: '2.36-9+deb12u4+b1', arch: 'amd64', source: 'glibc', sourceVersion: '2.36-9+deb12u4' },
      { manager: 'dpkg', name: 'bash', version: '5.2.15-2+b7', arch: 'amd64', source: 'bash', sourceVersion: '5.2.15-2+b7' },
    ]);
  });

  it('rpm: epoch, release and the source RPM name', () => {
    const out = parseRpmQuery('openssl-libs\t1\t3.0.7\t27.el9\tx86_64\topenssl-3.0.7-27.el9.src.rpm\nbash\t(none)\t5.1.8\t9.el9\tx86_64\tbash-5.1.8-9.el9.src.rpm\ngpg-pubkey\t(none)\tfd431d51\t4ae0493b\t(none)\t(none)\n');
    expect(out).toEqual([
      { manager: 'rpm', name: 'openssl-libs', version: '1:3.0.7-27.el9', arch: 'x86_64', source: 'openssl', sourceVersion: '1:3.0.7-27.el9' },
      { manager: 'rpm', name: 'bash', version: '5.1.8-9.el9', arch: 'x86_64', source: 'bash', sourceVersion: '5.1.8-9.el9' },
      { manager: 'rpm', name: 'gpg-pubkey', version: 'fd431d51-4ae0493b', arch: '', source: 'gpg-pubkey', sourceVersion: 'fd431d51-4ae0493b' },
    ]);
  });

  it('apk: name, version, arch and origin', () => {
    const out = parseApkInstalled('C:Q1abc=\nP:libcrypto3\nV:3.3.2-r0\nA:x86_64\nS:1\no:openssl\nF:usr/lib\n\nP:musl\nV:1.2.5-r0\nA:x86_64\n');
    expect(out).toEqual([
      { manager: 'apk', name: 'libcrypto3', version: '3.3.2-r0', arch: 'x86_64', source: 'openssl', sourceVersion: '3.3.2-r0' },
      { manager: 'apk', name: 'musl', version: '1.2.5-r0', arch: 'x86_64', source: 'musl', sourceVersion: '1.2.5-r0' },
    ]);
  });

  it('the packages collector reads dpkg and apk databases under the root', async () => {
    const root = writeTree({ 'var/lib/dpkg/status': DPKG_STATUS, 'lib/apk/db/installed': 'P:musl\nV:1.2.5-r0\nA:x86_64\n' });
    roots.push(root);
    const inv = await collectInventory({ root, only: ['packages'] });
    expect(inv.packages.map((p) => `${p.manager}:${p.name}`)).toEqual(['dpkg:libssl3', 'dpkg:libc6', 'dpkg:bash', 'apk:musl']);
  });
});

describe('rpm through the rpm command', () => {
  it('runs rpm with an argument vector (--root for a fixture root) and parses what it prints', async () => {
    const bin = writeTree({ 'rpm': '#!/bin/sh\nprintf "%s\\n" "$@" > "$(dirname "$0")/args"\nprintf "bash\\t(none)\\t5.1.8\\t9.el9\\tx86_64\\tbash-5.1.8-9.el9.src.rpm\\n"\n' });
    chmodSync(join(bin, 'rpm'), 0o755);
    const root = writeTree({ 'var/lib/rpm/rpmdb.sqlite': '' });
    roots.push(bin, root);
    const path = process.env.PATH;
    process.env.PATH = `${bin}:${path ?? ''}`;
    try {
      const inv = await collectInventory({ root, only: ['packages'] });
      expect(inv.packages).toEqual([{ manager: 'rpm', name: 'bash', version: '5.1.8-9.el9', arch: 'x86_64', source: 'bash', sourceVersion: '5.1.8-9.el9' }]);
      expect(readFileSync(join(bin, 'args'), 'utf8').split('\n').slice(0, 4)).toEqual(['--root', root, '-qa', '--qf']);
    } finally {
      process.env.PATH = path;
    }
  });
});
