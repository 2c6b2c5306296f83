/**
 * OS notifications through the shell: the ports it hands to the services show an Electron Notification, a click
 * brings the window forward and leaves main a request to open that conversation, which the renderer is told to take, and the badge reaches the app icon.
 */
import { describe, expect, it } from 'vitest';
import { EVENT_IPC_CHANNEL } from '../../../common/contract';
import type { NotificationPorts } from '../../../main/notify/inbound-notifier';
import { fake } from '../../fakes/electron';
import { startShellForTest } from './start-shell';

function portsOf(options: { notificationPorts?: NotificationPorts }): NotificationPorts {
  if (options.notificationPorts === undefined) throw new Error('the shell gave the services no notification ports');
  return options.notificationPorts;
}

describe('notifications in the Electron shell', () => {
  it('show the title and body the notifier chose', async () => {
    const { servicesOptions } = await startShellForTest();
    portsOf(servicesOptions).show({ customerId: 'maria', title: 'Maria Lopez', body: '3 new messages: help' });
    expect(fake.notifications.map((notification) => ({ ...notification.options, shown: notification.shown }))).toEqual([
      { title: 'Maria Lopez', body: '3 new messages: help', shown: true },
    ]);
  });

  it('bring the minimized window forward on a click and open that conversation', async () => {
    const { window, services, servicesOptions } = await startShellForTest();
    window.minimized = true;
    portsOf(servicesOptions).show({ customerId: 'maria', title: 'Maria Lopez', body: 'hello' });

    fake.notifications[0]?.click();

    expect(window).toMatchObject({ minimized: false, shown: true, focused: true });
    expect(window.webContents.sent).toEqual([{ channel: EVENT_IPC_CHANNEL, args: [{ event: 'app:open-requested', payload: {} }] }]);
    expect(await services.handlers['app:take-open-request']({})).toEqual({ ok: true, value: { customerId: 'maria' } });
  });

  it('only bring the window forward for the summary, which names no conversation', async () => {
    const { window, servicesOptions } = await startShellForTest();
    portsOf(servicesOptions).show({ title: 'New messages', body: '4 more conversations have new messages' });

    fake.notifications[0]?.click();

    expect(window.focused).toBe(true);
    expect(window.webContents.sent).toEqual([]);
  });

  it('are not attempted where the system has no notifications', async () => {
    const { servicesOptions } = await startShellForTest();
    fake.notificationsSupported = false;
    portsOf(servicesOptions).show({ customerId: 'maria', title: 'Maria Lopez', body: 'hello' });
    expect(fake.notifications).toEqual([]);
  });

  it('put the unread count on the app icon', async () => {
    const { servicesOptions } = await startShellForTest();
    portsOf(servicesOptions).setBadge(7);
    portsOf(servicesOptions).setBadge(0);
    expect(fake.badgeCounts).toEqual([7, 0]);
  });
});
