/**
 * Where an outgoing message stands, as the agent reads it: the outbox's state while the app still holds the send,
 * then the service's delivery status (reference line 3344). Messages from the customer carry no status. A message the
 * service marked failed can be sent again as a new message.
 */
import type { Message } from '../../../common/domain';
import { describeError } from '../../lib/error-words';
import { ErrorCode, type InboxError } from '../../../common/result';

export type StatusTone = 'pending' | 'sent' | 'delivered' | 'read' | 'failed';

export interface StatusView {
  tone: StatusTone;
  label: string;
  /** Why it failed, when known. */
  detail?: string;
}

function storedErrorWords(error: { code: string; message: string; retryable: boolean } | null): string | undefined {
  if (error === null) return undefined;
  const code = ErrorCode.safeParse(error.code);
  if (!code.success) return error.message;
  const inboxError: InboxError = { code: code.data, message: error.message, retryable: error.retryable };
  return describeError(inboxError);
}

export function viewStatus(message: Message): StatusView | undefined {
  if (message.origin === 'CUSTOMER') return undefined;
  switch (message.outbox?.state) {
    case 'queued':
      return { tone: 'pending', label: 'Waiting to send' };
    case 'sending':
      return { tone: 'pending', label: 'Sending' };
    case 'unknown':
      return { tone: 'pending', label: 'Checking whether it was sent' };
    case 'failed': {
      const detail = storedErrorWords(message.outbox.lastError);
      return detail === undefined ? { tone: 'failed', label: 'Not sent' } : { tone: 'failed', label: 'Not sent', detail };
    }
    default:
      break;
  }
  switch (message.status) {
    case 'CREATED':
      return { tone: 'pending', label: 'Pending' };
    case 'SENT':
      return { tone: 'sent', label: 'Sent' };
    case 'DELIVERED':
      return { tone: 'delivered', label: 'Delivered' };
    case 'READ':
      return { tone: 'read', label: 'Read' };
    case 'ERROR':
    case 'UNDELIVERABLE':
    case 'UPLOAD_ERROR':
      return { tone: 'failed', ...serviceFailures[message.status] };
  }
}

/**
 * What each failed status means. A message carries its status and nothing about why (the history's fields, reference
 * lines 3326-3335, have no reason), so the status's meaning is the reason the agent is shown.
 */
const serviceFailures = {
  ERROR: { label: 'Failed', detail: 'the service could not send it' },
  UNDELIVERABLE: { label: 'Undeliverable', detail: "the network could not deliver it to the customer's phone" },
  UPLOAD_ERROR: { label: 'Attachment upload failed', detail: 'the service could not fetch its file' },
} as const satisfies Partial<Record<Message['status'], { label: string; detail: string }>>;

/** Whether the agent can send this message again as a new one: ours, and marked failed by the service (not the outbox). */
export function canSendAgain(message: Message): boolean {
  if (message.origin === 'CUSTOMER' || (message.outbox !== null && message.outbox.state !== 'sent')) return false;
  return Object.hasOwn(serviceFailures, message.status);
}
