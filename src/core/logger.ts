import { pino, type Logger, type DestinationStream } from 'pino';
import { redact, redactUrl } from './redact.js';

export type { Logger } from 'pino';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface LoggerOptions {
  level?: LogLevel;
  /** Where JSON lines go; stderr by default so stdout stays for command output. */
  destination?: DestinationStream;
  name?: string;
}

/** Request fields worth logging; headers are never logged whole. */
interface LoggableRequest {
  id?: unknown;
  method?: string;
  url?: string;
  ip?: string;
  headers?: Record<string, unknown>;
}

function serializeRequest(req: LoggableRequest): Record<string, unknown> {
  return {
    id: req.id,
    method: req.method,
    url: req.url ? redactUrl(req.url) : undefined,
    remoteAddress: req.ip,
    userAgent: req.headers?.['user-agent'],
  };
}

/** pino JSON lines with deep redaction of secret-named fields and PEM private keys. */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      name: options.name ?? 'bulwark',
      level: options.level ?? 'info',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { req: serializeRequest, err: (e: unknown) => redact(e) },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redact(object),
      },
      hooks: {
        logMethod(args, method) {
          // The message string itself may carry a PEM block or a secret query string.
          const redacted = args.map((a) => (typeof a === 'string' ? redactUrl(redact(a)) : a)) as typeof args;
          method.apply(this, redacted);
        },
      },
    },
    options.destination ?? pino.destination({ fd: 2, sync: false }),
  );
}
