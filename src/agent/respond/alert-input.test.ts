import { describe, expect, it } from 'vitest';
import { parseAlertInput } from './alert-input.js';

describe('parseAlertInput', () => {
  it('reads {events}, arrays, single documents and NDJSON; refuses other text naming the line', () => {
    expect(parseAlertInput('{"events":[{"a":1},{"b":2}],"stats":{}}', 'f')).toEqual([{ a: 1 }, { b: 2 }]);
    expect(parseAlertInput('[{"a":1}, 3]', 'f')).toEqual([{ a: 1 }]);
    expect(parseAlertInput('{"a":1}', 'f')).toEqual([{ a: 1 }]);
    expect(parseAlertInput('{"a":1}\n\n{"b":2}\n', 'f')).toEqual([{ a: 1 }, { b: 2 }]);
    expect(parseAlertInput('  ', 'f')).toEqual([]);
    expect(() => parseAlertInput('{"a":1}\nnope', 'alerts.json')).toThrow(/alerts\.json.*line 2/);
  });
});
