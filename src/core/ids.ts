import { randomUUID } from 'node:crypto';

/** Alibaba-style request id: an upper-case UUID. */
export function newRequestId(): string {
  return randomUUID().toUpperCase();
}

/** A request id supplied by a client is kept only when it is short and plain. */
export function acceptRequestId(candidate: unknown): string | undefined {
  return typeof candidate === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(candidate) ? candidate : undefined;
}

export function newEventId(): string {
  return randomUUID();
}
