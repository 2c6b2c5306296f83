/**
 * Where an outgoing message stands, as the agent reads it: the outbox's state while the app still holds the send,
 * then the service's delivery status (reference line 3344). Messages from the customer carry no status.
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
      return { tone: 'failed', label: 'Failed' };
    case 'UNDELIVERABLE':
      return { tone: 'failed', label: 'Undeliverable' };
    case 'UPLOAD_ERROR':
      return { tone: 'failed', label: 'Attachment upload failed' };
  }
}
