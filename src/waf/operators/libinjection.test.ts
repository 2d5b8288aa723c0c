import { describe, expect, it } from 'vitest';
import { LIBINJECTION_BATCH, libinjection, libinjectionNone } from './libinjection.js';

describe('libinjection', () => {
  const benign = Array.from({ length: 600 }, (_, i) => `json.items.${i}.name`);

  it('checks one value at a time, again and again in the same libddwaf context', () => {
    for (let i = 0; i < 3; i++) {
      expect(libinjection('sqli', "1' or 1=1--")).toBeTruthy();
      expect(libinjection('sqli', 'product')).toBeUndefined();
      expect(libinjection('xss', '<script>alert(1)</script>')).toBe('');
      expect(libinjection('xss', 'plain text')).toBeUndefined();
    }
  });

  it('batches: none suspicious only when each value alone is benign, wherever the attack sits', () => {
    expect(libinjectionNone('sqli', benign)).toBe(true);
    expect(libinjectionNone('xss', benign)).toBe(true);
    for (const at of [0, LIBINJECTION_BATCH - 1, LIBINJECTION_BATCH, benign.length - 1]) {
      const values = [...benign];
      values[at] = "1' or 1=1--";
      expect(libinjectionNone('sqli', values), `attack at ${at}`).toBe(false);
      values[at] = '<script>alert(1)</script>';
      expect(libinjectionNone('xss', values), `attack at ${at}`).toBe(false);
    }
    expect(libinjectionNone('sqli', [])).toBe(true);
  });
});
