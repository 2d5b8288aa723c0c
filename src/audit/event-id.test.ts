import { describe, expect, it } from 'vitest';
import { newAuditEventId } from './event-id.js';

describe('newAuditEventId', () => {
  it('is a UUID version 7 carrying the time, random below the millisecond', () => {
    const id = newAuditEventId(Date.UTC(2026, 10, 29, 6, 0, 0));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(Date.UTC(2026, 10, 29, 6, 0, 0));
    expect(newAuditEventId(1)).not.toBe(newAuditEventId(1));
  });

  it('sorts in time order across milliseconds', () => {
    const ids = [5, 1_000, 1_700_000_000_000, 1_700_000_000_001, 2 ** 47].map((t) => newAuditEventId(t));
    expect([...ids].sort()).toEqual(ids);
  });
});
