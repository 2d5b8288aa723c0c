import { createRequire } from 'node:module';

/** A parse failure from llhttp (`HPE_*` code), as node:http reports it. */
export interface ParserError extends Error {
  readonly code: string;
  readonly bytesParsed?: number;
}

/**
 * Node's own binding to llhttp — the strict HTTP/1.1 parser behind node:http — used directly on
 * `net` sockets so no HTTP parsing is hand-written here. Callbacks are set by index (kOn*).
 */
export interface NativeHttpParser {
  initialize(type: number, resource: object, maxHeaderSize: number, lenient: number): void;
  /** Bytes parsed, or the parse error. */
  execute(data: Buffer): number | ParserError;
  /** Signals EOF (close-delimited bodies complete here); an error when the message was cut short. */
  finish(): number | ParserError | undefined;
  close(): void;
  free(): void;
  remove(): void;
  [callback: number]: unknown;
}

interface HttpParserClass {
  new (): NativeHttpParser;
  readonly REQUEST: number;
  readonly RESPONSE: number;
  readonly kOnHeaders: number;
  readonly kOnHeadersComplete: number;
  readonly kOnBody: number;
  readonly kOnMessageComplete: number;
  readonly kLenientNone: number;
}

export const HTTPParser: HttpParserClass = (createRequire(import.meta.url)('_http_common') as { HTTPParser: HttpParserClass }).HTTPParser;
