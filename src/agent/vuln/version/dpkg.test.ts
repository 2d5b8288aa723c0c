import { describe, expect, it } from 'vitest';
import { itOrders, type OrderRow } from '../test-support/order-table.js';
import { compareDebianPart, compareDebianVersions, parseDebianVersion } from './dpkg.js';


// deb-version(7) and Debian policy 5.6.12 examples, dpkg's own rules, and security-update suffixes
const TABLE: OrderRow[] = [
  ['1.0~rc1', '<', '1.0'],
  ['1.0~beta1~svn1245', '<', '1.0~beta1'],
  ['1.0~beta1', '<', '1.0'],
  ['1:0.9', '>', '2.0'],
  ['0:2.0', '=', '2.0'],
  ['1.2.3-1+deb12u1', '<', '1.2.3-1.1'],
  ['1.2.3-1+deb12u9', '<', '1.2.3-1+deb12u10'],
  ['3.0.11-1~deb12u2', '<', '3.0.11-1'],
  ['3.0.11-1~deb12u1', '<', '3.0.11-1~deb12u2'],
  ['2.36.1-8+deb11u1', '>', '2.36.1-8'],
  ['1.0', '<', '1.0a'],
  ['1.0a', '<', '1.0+'],
  ['1.0+', '<', '1.0.'],
  ['1.0', '=', '1.00'],
  ['1.01', '=', '1.1'],
  ['1.2', '<', '1.10'],
  ['1.0-1', '<', '1.0-2'],
  ['1.0-10', '>', '1.0-9'],
  ['1.0', '=', '1.0-0'],
  ['1.0-1', '>', '1.0'],
  ['2.30-21ubuntu1~18.04.9', '<', '2.30-21ubuntu1~18.04.10'],
  ['1:2.20.1-5.1ubuntu20.9', '>', '2.20.1-5.1ubuntu20.9'],
  ['7.74.0-1.3+deb11u7', '>', '7.74.0-1.3+deb11u3'],
  ['1.2.3-a-b', '>', '1.2.3-a-a'],
  ['a', '>', ''],
  ['1.0~', '<', '1.0'],
  ['1.0~~', '<', '1.0~'],
  ['1.0~~a', '<', '1.0~'],
  ['1.0~~', '<', '1.0~~a'],
  ['9.8.7', '=', '9.8.7'],
];

describe('dpkg version comparison', () => {
  itOrders(compareDebianVersions, TABLE);

  it('orders tilde parts as the manual lists them: ~~, ~~a, ~, (empty), a', () => {
    const sorted = ['a', '', '~', '~~a', '~~'].sort(compareDebianPart);
    expect(sorted).toEqual(['~~', '~~a', '~', '', 'a']);
  });

  it('splits epoch, upstream (which may hold hyphens and colons) and the revision after the last hyphen', () => {
    expect(parseDebianVersion('1:2.3-4-5')).toEqual({ epoch: 1, upstream: '2.3-4', revision: '5' });
    expect(parseDebianVersion('2:1:2')).toEqual({ epoch: 2, upstream: '1:2', revision: '' });
    expect(parseDebianVersion('1.0')).toEqual({ epoch: 0, upstream: '1.0', revision: '' });
  });
});
