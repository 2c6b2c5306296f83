/**
 * Channels and events of OS notifications about customers' new messages: the agent's preferences and the event a
 * clicked notification sends to open its conversation (which `customers:get` finds when the loaded page of the
 * customer list does not hold it).
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
} as const;

export const notificationEvents = {
  /** The agent clicked a notification about this customer: the inbox opens their conversation. */
  'app:open-conversation': OpenConversation,
} as const;
