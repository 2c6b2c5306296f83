/**
 * Channels and events of OS notifications about customers' new messages, and of opening a conversation from outside
 * the inbox: the agent's preferences, and the conversation a clicked notification or a `twoway-inbox://` link asked
 * for, which main holds until the inbox takes it (`customers:get` finds a customer the loaded page does not hold).
 */
import { z } from 'zod';

export const NotificationPrefs = z.strictObject({
  /** Whether customers' new messages raise OS notifications at all (the unread badge is shown either way). */
  enabled: z.boolean(),
  /** Whether a notification quotes the message; off, it says only "New message" (screens others can see). */
  showMessageText: z.boolean(),
});
export type NotificationPrefs = z.infer<typeof NotificationPrefs>;

export const defaultNotificationPrefs: NotificationPrefs = { enabled: true, showMessageText: true };

export const OpenConversation = z.strictObject({ customerId: z.string().min(1) });
export type OpenConversation = z.infer<typeof OpenConversation>;

export const notificationChannels = {
  'prefs:notifications': { input: z.strictObject({}), output: NotificationPrefs },
  'prefs:set-notifications': { input: NotificationPrefs.partial(), output: NotificationPrefs },
  /** The conversation asked for since the last take, if any (an inbox takes it when it mounts and when told). */
  'app:take-open-request': { input: z.strictObject({}), output: OpenConversation.nullable() },
} as const;

export const notificationEvents = {
  /** A notification was clicked or a link came in: a listening inbox takes the request (`app:take-open-request`). */
  'app:open-requested': z.strictObject({}),
} as const;
