/**
 * Remembers `SignatureNonce` values for the accepted clock-skew window so a captured request
 * cannot be replayed. Bounded: the oldest entries are evicted first (they expire first anyway).
 */
export class NonceCache {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly maxEntries = 1_000_000,
  ) {}

  /** Returns false when the nonce was already used by this AccessKey within the window. */
  claim(accessKeyId: string, nonce: string, nowMs: number): boolean {
    this.evict(nowMs);
    const key = `${accessKeyId}\u0000${nonce}`;
    if (this.seen.has(key)) return false;
    if (this.seen.size >= this.maxEntries) {
      const oldest = this.seen.keys().next();
      if (!oldest.done) this.seen.delete(oldest.value);
    }
    this.seen.set(key, nowMs + this.windowMs * 2);
    return true;
  }

  private evict(nowMs: number): void {
    for (const [key, expires] of this.seen) {
      if (expires > nowMs) break;
      this.seen.delete(key);
    }
  }
}
