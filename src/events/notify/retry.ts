export interface RetryOptions {
  attempts: number;
  backoffMs: number;
  maxBackoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Runs `fn` until it succeeds or `attempts` are used; waits backoff·2ⁿ between tries. */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<{ value: T; attempts: number }> {
  const sleep = options.sleep ?? defaultSleep;
  let last: unknown;
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    try {
      return { value: await fn(attempt), attempts: attempt };
    } catch (e) {
      last = e;
      if (attempt < options.attempts) await sleep(Math.min(options.backoffMs * 2 ** (attempt - 1), options.maxBackoffMs ?? 60_000));
    }
  }
  throw new RetryExhausted(options.attempts, last);
}

export class RetryExhausted extends Error {
  constructor(
    readonly attempts: number,
    readonly last: unknown,
  ) {
    super(last instanceof Error ? last.message : String(last));
    this.name = 'RetryExhausted';
  }
}
