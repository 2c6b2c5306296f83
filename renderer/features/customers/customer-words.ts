/**
 * How the customer panel and dialogs word what went wrong. Main refuses a write offline with words that already say
 * it needs the network and that nothing changed, so those are shown as they are; the rest as the admin area does.
 */
import type { InboxError } from '../../../common/result';
import { describeError } from '../../lib/error-words';
import { describeAdminError } from '../admin/admin-words';

export function describeCustomerError(error: InboxError): string {
  if (error.code === 'NETWORK' && /offline/i.test(error.message)) return error.message;
  if (error.code === 'BAD_INPUT') return error.message === '' ? describeError(error) : error.message;
  if (error.code === 'NOT_FOUND' || error.code === 'GONE') return 'The service no longer has this customer: they were deleted, perhaps by someone else.';
  return describeAdminError(error);
}

/** "Chatbot on, set by an agent" for ENABLED_MANUALLY; the service's own word when it is one this app does not know. */
export function describeChatbotMode(mode: string | null): string {
  switch (mode) {
    case null:
      return 'Not set for this customer: the channel’s own setting applies';
    case 'ENABLED_MANUALLY':
      return 'On, set by an agent';
    case 'ENABLED_AUTO':
      return 'On, set by the service';
    case 'DISABLED_MANUALLY':
      return 'Off, set by an agent';
    case 'DISABLED_AUTO':
      return 'Off, set by the service';
    default:
      return mode;
  }
}

export function isChatbotOn(mode: string | null): boolean {
  return mode?.startsWith('ENABLED') === true;
}
