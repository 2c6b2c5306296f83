/**
 * What each error code means to an agent, in plain words. The UI switches on `code`; the message main sent is for
 * logs and for the cases where these words need the detail (a field that failed validation).
 */
import type { ErrorCode, InboxError } from '../../common/result';

const words: Record<ErrorCode, string> = {
  UNAUTHENTICATED: 'Wrong email or password.',
  FORBIDDEN: 'This account is not allowed to do that.',
  NOT_FOUND: 'The service does not know that item any more.',
  GONE: 'That item was removed from the service.',
  CONFLICT: 'Someone else changed this at the same time. Try again.',
  VALIDATION: 'The service did not accept what was entered.',
  OPTED_OUT: 'This customer opted out of messages on this channel.',
  RATE_LIMITED: 'The service asked us to slow down.',
  UPSTREAM: 'The messaging network behind the service is not answering.',
  SERVER: 'The service had a problem on its side.',
  NETWORK: "Can't reach the service. Check the connection and the service URL.",
  TIMEOUT: 'The service took too long to answer.',
  BAD_RESPONSE: 'The service answered with something this app does not understand.',
  UNKNOWN_OUTCOME: 'The service may or may not have done it; the app is checking.',
  CANCELLED: 'Stopped before it finished.',
  BAD_INPUT: 'Something entered is not valid.',
  UNKNOWN_CHANNEL: 'This version of the app cannot do that yet.',
  FORBIDDEN_CALLER: 'This window is not allowed to talk to the app. Open the link the app printed.',
  KEYCHAIN_UNAVAILABLE: "The system keychain isn't available.",
  STORAGE: "The app can't write to its data folder (is the disk full?).",
  INTERNAL: 'Something went wrong inside the app.',
};

/** One sentence an agent can act on, with the wait or the field when the error carries one. */
export function describeError(error: InboxError): string {
  const base = words[error.code];
  if (error.code === 'RATE_LIMITED' && error.retryAfterSeconds !== undefined) {
    return `${base} Try again in ${Math.ceil(error.retryAfterSeconds)} s.`;
  }
  if ((error.code === 'VALIDATION' || error.code === 'BAD_INPUT') && error.field !== undefined) {
    return `${base} Check “${error.field}”.`;
  }
  return base;
}
