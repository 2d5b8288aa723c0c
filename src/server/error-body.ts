import { BulwarkError } from '../core/errors.js';

/** Alibaba Cloud's error body, which every official SDK parses. */
export interface ErrorBody {
  RequestId: string;
  HostId: string;
  Code: string;
  Message: string;
  Recommend: string;
  [extra: string]: unknown;
}

/** Maps any thrown value to a status and an Alibaba-style body; unknown errors never leak details. */
export function toErrorBody(error: unknown, requestId: string, hostId: string): { status: number; body: ErrorBody } {
  const known = error instanceof BulwarkError ? error : new BulwarkError('InternalError');
  return {
    status: known.status,
    body: {
      RequestId: requestId,
      HostId: hostId,
      Code: known.code,
      Message: known.message,
      Recommend: known.recommend ?? '',
      ...known.extra,
    },
  };
}
