/**
 * What a failed send attempt means, from its error code alone (main/api/errors.ts maps every HTTP status and
 * transport failure to one): certainly not carried out, so try again after a wait; maybe carried out, so look in
 * the history before anything else; or refused for good, so the agent sees why.
 */
import type { ErrorCode, InboxError } from '../../common/result';

export type AfterFailure = 'retry' | 'reconcile' | 'fail';

/**
 * Not carried out: no connection (NETWORK, and TIMEOUT, which the client reports only before the request was
 * sent), 408 and 429 (the server says it did not process it), 401 (refused before processing; the session signs
 * in again), and the cache failing before the request left.
 */
const notCarriedOut: ReadonlySet<ErrorCode> = new Set(['NETWORK', 'TIMEOUT', 'RATE_LIMITED', 'UNAUTHENTICATED', 'STORAGE']);

/**
 * Maybe carried out: the answer was lost after the request left (UNKNOWN_OUTCOME, CANCELLED), a 2xx whose body
 * could not be read (BAD_RESPONSE), and 5xx: a gateway may answer 502/504 after the service acted, and the client
 * does not tell 503 from 500, so every 5xx is looked up before a retry rather than risking a second copy.
 */
const maybeCarriedOut: ReadonlySet<ErrorCode> = new Set(['UNKNOWN_OUTCOME', 'CANCELLED', 'BAD_RESPONSE', 'SERVER', 'UPSTREAM']);

/** Every other 4xx (400, 403, 404, 409, 410, OPTED_OUT...) is the service refusing this very message. */
export function afterFailedSend(error: InboxError): AfterFailure {
  if (notCarriedOut.has(error.code)) return 'retry';
  if (maybeCarriedOut.has(error.code)) return 'reconcile';
  return 'fail';
}

/** Errors about the connection or the account rather than one message: every customer's sends wait, not only this one. */
export function holdsEveryone(error: InboxError): boolean {
  return error.code === 'NETWORK' || error.code === 'TIMEOUT' || error.code === 'RATE_LIMITED' || error.code === 'UNAUTHENTICATED';
}
