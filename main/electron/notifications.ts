/**
 * The notifier's ports in Electron: an OS notification whose click brings the window forward and opens the
 * customer's conversation (through main's open requests, main/open-requests.ts), and the unread count on the app's
 * icon (dock, taskbar, launcher: `app.setBadgeCount` does nothing where the desktop has no badge).
 */
import { app, Notification, type BrowserWindow } from 'electron';
import type { NotificationPorts } from '../notify/inbound-notifier';

export interface ElectronNotificationsOptions {
  /** The window a click brings forward; undefined while there is none. */
  window: () => BrowserWindow | undefined;
  /** The agent clicked a notification about this customer. */
  onOpenConversation: (customerId: string) => void;
}

/** Restores a minimized or hidden window and gives it the focus. */
export function bringForward(window: BrowserWindow | undefined): void {
  if (window === undefined || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

export function electronNotificationPorts(options: ElectronNotificationsOptions): NotificationPorts {
  // A notification only referenced by the OS can be garbage-collected with its click listener: keep it until done.
  const live = new Set<Notification>();
  return {
    show: ({ customerId, title, body }) => {
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title, body });
      live.add(notification);
      notification.on('close', () => live.delete(notification));
      notification.on('click', () => {
        live.delete(notification);
        bringForward(options.window());
        if (customerId !== undefined) options.onOpenConversation(customerId);
      });
      notification.show();
    },
    setBadge: (count) => {
      app.setBadgeCount(count);
    },
  };
}
