/** One entry of the error catalogue: HTTP status, message template (`{name}` placeholders) and a hint. */
export interface ErrorSpec {
  readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 429 | 500 | 502 | 503 | 504;
  readonly message: string;
  readonly recommend?: string;
}

/** Declares a catalogue fragment; the literal keys become part of the closed `ErrorCode` union. */
export function defineErrors<const T extends Record<string, ErrorSpec>>(fragment: T): T {
  return fragment;
}
