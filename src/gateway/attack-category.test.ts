import { describe, expect, it } from 'vitest';
import { attackCategory } from './attack-category.js';

describe('attackCategory', () => {
  it('takes the class of the most severe attack-tagged match', () => {
    const protocol = { tags: ['application-multi', 'attack-protocol', 'OWASP_CRS'], severity: 'WARNING' };
    const sqli = { tags: ['attack-sqli', 'paranoia-level/1'], severity: 'CRITICAL' };
    expect(attackCategory([protocol, sqli])).toBe('sqli');
    expect(attackCategory([protocol])).toBe('protocol');
  });

  it('keeps the first of equally severe matches and reads numeric severities', () => {
    expect(attackCategory([{ tags: ['attack-xss'], severity: '2' }, { tags: ['attack-rce'], severity: 'critical' }])).toBe('xss');
    expect(attackCategory([{ tags: ['attack-lfi'], severity: undefined }, { tags: ['attack-rfi'], severity: 'NOTICE' }])).toBe('rfi');
  });

  it('is undefined without an attack tag (scoring rules, untagged custom rules)', () => {
    expect(attackCategory([{ tags: ['anomaly-evaluation'], severity: undefined }, { tags: [], severity: 'CRITICAL' }])).toBeUndefined();
    expect(attackCategory([])).toBeUndefined();
  });
});
