/**
 * The service's error answer, `{success: false, reason, statusCode, error, message}` (reference lines 60-66, the
 * same table under every operation), and the one exception type route handlers throw to produce it.
 */
import { STATUS_CODES } from 'node:http';

export interface ErrorBody {
  success: false;
  reason: string;
  statusCode: number;
  error: string;
  message: string;
}

export class ApiError extends Error {
  readonly statusCode: number;
  readonly reason: string;
  readonly headers: Record<string, string>;

  /** `reason` is a short, stable phrase a client may match; `message` explains it to a person. */
  constructor(statusCode: number, reason: string, message: string = reason, headers: Record<string, string> = {}) {
    super(message);
    this.statusCode = statusCode;
    this.reason = reason;
    this.headers = headers;
  }

  toBody(): ErrorBody {
    return errorBody(this.statusCode, this.reason, this.message);
  }
}

export function errorBody(statusCode: number, reason: string, message: string = reason): ErrorBody {
  return { success: false, reason, statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
}

/**
 * The reason a send to an opted-out customer is refused with (403, the documented "Forbidden" of every send
 * operation, e.g. line 3614). Reference line 2319: "After triggering OPT_OUT keyword event you have no ability to
 * chat with the client until he sends any message again". Clients can match this reason to tell it from other 403s.
 */
export const OPTED_OUT_REASON = 'Customer opted out';
