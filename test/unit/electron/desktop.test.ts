/**
 * The desktop app around the window, through the fake `electron`: links forwarded by a second launch (and macOS's
 * open-url, and the launch's own arguments) open conversations, a phone found in the cache; the tray shows the
 * unread count and opens or quits; the menu has the platform's roles and the app's shortcut; updates are wired to
 * electron-updater only in an installed app with a feed; a crashed or hung window is recovered with drafts intact.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EVENT_IPC_CHANNEL, INVOKE_IPC_CHANNEL } from '../../../common/contract';
import type { AppServices } from '../../../main/app-services';
import { phoneDigitsOf } from '../../../main/cache/search-query';
import { CrashLog } from '../../../main/crash-log';
import { CRASH_MESSAGE, HANG_MESSAGE, KEPT_DETAIL } from '../../../main/electron/crash-recovery';
import { appMenuTemplate } from '../../../main/electron/menu';
import type { AutoUpdater } from '../../../main/electron/updates';
import { UPDATE_FEED_ENV } from '../../../main/updates/update-feed';
import { DEMO_ACCOUNT } from '../../../sandbox/index';
import { sandboxOn, unwrap } from '../../integration/sync/world';
import { app, fake, FakeEvent, invokeFromFrame, type BrowserWindow, type MenuItemOptions } from '../../fakes/electron';
import { startShellForTest } from './start-shell';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function temporaryUserData(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'inbox-desktop-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** How often the window was told a conversation was asked for. */
function openRequestsSent(window: BrowserWindow): number {
  return window.webContents.sent
    .filter(({ channel }) => channel === EVENT_IPC_CHANNEL)
    .map(({ args }) => args[0])
    .filter((message): message is { event: string } => typeof message === 'object' && message !== null)
    .filter((message) => message.event === 'app:open-requested').length;
}

/** The conversation the inbox finds when it takes the pending request, as it does when it mounts or is told. */
async function takeOpenRequest(services: AppServices): Promise<unknown> {
  return unwrap(await services.handlers['app:take-open-request']({}));
}

/** A shell signed in to a fresh sandbox with its customers synced. */
async function signedInShell(userDataDir: string) {
  const sandbox = await sandboxOn({ customers: 3, messagesPerCustomer: 1 });
  cleanups.push(() => sandbox.close());
  const started = await startShellForTest({ userDataDir });
  cleanups.push(() => started.services.close());
  unwrap(await started.services.session.signIn({ ...DEMO_ACCOUNT, baseUrl: sandbox.baseUrl }, { remember: false }));
  unwrap(await started.services.handlers['sync:now']({}));
  const page = unwrap(await started.services.handlers['customers:page']({ limit: 10 }));
  const [customer] = page.items;
  if (customer === undefined) throw new Error('the sandbox has no customers');
  return { ...started, customer, customers: page.items };
}

function menuItem(items: readonly MenuItemOptions[], label: string): MenuItemOptions {
  const found = items.find((item) => item.label === label);
  if (found === undefined) throw new Error(`no menu item ${label}`);
  return found;
}

function click(item: MenuItemOptions): void {
  if (item.click === undefined) throw new Error(`${item.label ?? item.role ?? '?'} does nothing`);
  (item.click as () => void)();
}

describe('twoway-inbox:// links', () => {
  it('registers the app as the handler of its scheme', async () => {
    await startShellForTest();
    expect(app.protocolClients.map((client) => client.scheme)).toEqual(['twoway-inbox']);
  });

  it("a second launch with a link focuses the first window and opens that customer's conversation", async () => {
    const { window, services } = await startShellForTest();
    window.minimized = true;
    app.emit('second-instance', new FakeEvent(), ['/opt/2-Way Inbox/inbox', '--no-sandbox', 'twoway-inbox://customer/cus_42'], '/');
    expect(window.focused).toBe(true);
    expect(window.minimized).toBe(false);
    expect(openRequestsSent(window)).toBe(1);
    expect(await takeOpenRequest(services)).toEqual({ customerId: 'cus_42' });
    expect(await takeOpenRequest(services)).toBeNull();
  });

  it('a link the app was launched with waits for the inbox, which takes it when it mounts', async () => {
    const { services } = await startShellForTest({ argv: ['/opt/2-Way Inbox/inbox', 'twoway-inbox://customer/cus_7'] });
    // No window had a page listening when the link came in; the request is still there for the inbox to take.
    expect(await takeOpenRequest(services)).toEqual({ customerId: 'cus_7' });
  });

  it("macOS's open-url opens the conversation and is taken from the OS", async () => {
    const { services } = await startShellForTest();
    const event = new FakeEvent();
    app.emit('open-url', event, 'twoway-inbox://customer/cus_9');
    expect(event.defaultPrevented).toBe(true);
    expect(await takeOpenRequest(services)).toEqual({ customerId: 'cus_9' });
  });

  it('a link that does not parse opens nothing', async () => {
    const { window, services } = await startShellForTest();
    app.emit('second-instance', new FakeEvent(), ['inbox', 'twoway-inbox://customer/<script>'], '/');
    app.emit('open-url', new FakeEvent(), 'twoway-inbox://admin/delete-everything');
    expect(openRequestsSent(window)).toBe(0);
    expect(await takeOpenRequest(services)).toBeNull();
  });

  it('a phone number is looked up in the signed-in account’s cache', async () => {
    const { services, customer } = await signedInShell(await temporaryUserData());
    const phone = encodeURIComponent(`+${phoneDigitsOf(customer.phone)}`);
    app.emit('open-url', new FakeEvent(), `twoway-inbox://customer/${phone}`);
    expect(await takeOpenRequest(services)).toEqual({ customerId: customer.id });
  });

  it('a phone link that comes in while signed out waits for the account that signs in', async () => {
    const { services, customer } = await signedInShell(await temporaryUserData());
    const account = services.session.account();
    if (account === undefined) throw new Error('not signed in');
    unwrap(await services.handlers['session:sign-out']({}));
    app.emit('open-url', new FakeEvent(), `twoway-inbox://customer/${encodeURIComponent(customer.phone)}`);
    expect(await takeOpenRequest(services)).toBeNull();

    unwrap(await services.session.signIn({ ...DEMO_ACCOUNT, baseUrl: account.baseUrl }, { remember: false }));
    // This account's cache starts empty again after the sign-out: its customers come with the sync.
    unwrap(await services.handlers['sync:now']({}));
    expect(await takeOpenRequest(services)).toEqual({ customerId: customer.id });
  });

  it('a phone no customer has opens nothing and says so', async () => {
    const { services } = await signedInShell(await temporaryUserData());
    app.emit('open-url', new FakeEvent(), 'twoway-inbox://customer/%2B999%20000%20000');
    expect(await takeOpenRequest(services)).toBeNull();
    expect(unwrap(await services.handlers['app:notices']({})).notices).toContainEqual({
      level: 'warning',
      message: 'The link asked for the customer with phone +999000000, but this account has no single customer with that number.',
    });
  });
});

describe('the tray', () => {
  it('shows the unread count in its tooltip and title, and clears it at zero', async () => {
    const { servicesOptions } = await startShellForTest();
    const [tray] = fake.trays;
    expect(tray?.image.path).toBe(join('/fake/app', 'resources', 'tray-icon.png'));
    expect(tray?.tooltip).toBe('2-Way Inbox');
    servicesOptions.notificationPorts?.setBadge(3);
    expect(tray).toMatchObject({ tooltip: '2-Way Inbox — 3 unread', title: '3' });
    expect(fake.badgeCounts).toEqual([3]);
    servicesOptions.notificationPorts?.setBadge(0);
    expect(tray).toMatchObject({ tooltip: '2-Way Inbox', title: '' });
  });

  it('Open brings the window back (a new one once it was closed) and Quit quits', async () => {
    const { window } = await startShellForTest();
    const items = fake.trays[0]?.contextMenu?.items ?? [];
    window.minimized = true;
    click(menuItem(items, 'Open 2-Way Inbox'));
    expect(window).toMatchObject({ minimized: false, focused: true });
    window.close();
    click(menuItem(items, 'Open 2-Way Inbox'));
    expect(fake.windows).toHaveLength(2);
    click(menuItem(items, 'Quit'));
    expect(app.quitRequests).toBe(1);
  });
});

describe('the application menu', () => {
  it("has the standard Edit, View zoom and Window roles, and Find Customer sends the page its own Ctrl+K", async () => {
    const { window } = await startShellForTest();
    const items = fake.applicationMenu?.items ?? [];
    expect(items.map((item) => item.label ?? item.role)).toEqual(['File', 'editMenu', 'View', 'windowMenu', 'help']);
    const view = menuItem(items, 'View').submenu ?? [];
    expect(view.map((item) => item.role).filter(Boolean)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    const find = menuItem(menuItem(items, 'File').submenu ?? [], 'Find Customer');
    expect(find).toMatchObject({ accelerator: 'CmdOrCtrl+K', registerAccelerator: false });
    click(find);
    expect(window.webContents.inputEvents).toEqual([{ type: 'keyDown', keyCode: 'K', modifiers: ['control'] }]);
  });

  it("starts with the app menu on macOS, where Find Customer sends Cmd+K", () => {
    const sent: unknown[] = [];
    const template = appMenuTemplate('darwin', {
      productName: '2-Way Inbox',
      window: () => ({ webContents: { sendInputEvent: (event: unknown) => sent.push(event) } }) as never,
      checkForUpdates: () => undefined,
      openCrashLog: () => undefined,
    });
    expect(template[0]?.label).toBe('2-Way Inbox');
    const appMenu = template[0]?.submenu;
    expect(Array.isArray(appMenu) ? appMenu.map((item) => item.role).filter(Boolean) : []).toEqual([
      'about', 'services', 'hide', 'hideOthers', 'unhide', 'quit',
    ]);
    const file = template[1]?.submenu;
    const find = Array.isArray(file) ? file[0] : undefined;
    (find?.click as (() => void) | undefined)?.();
    expect(sent).toEqual([{ type: 'keyDown', keyCode: 'K', modifiers: ['meta'] }]);
  });
});

describe('spell-checking', () => {
  it('is on in the window, so the composer is checked', async () => {
    const { window } = await startShellForTest();
    expect(window.options.webPreferences?.spellcheck).toBe(true);
  });
});

/** electron-updater's autoUpdater as the shell uses it, recording calls and firing events on demand. */
class FakeAutoUpdater implements AutoUpdater {
  autoDownload = true;
  autoInstallOnAppQuit = true;
  feeds: unknown[] = [];
  checks = 0;
  downloads = 0;
  installs: unknown[][] = [];
  readonly listeners = new Map<string, (payload: unknown) => void>();

  setFeedURL(options: { provider: 'generic'; url: string }): void {
    this.feeds.push(options);
  }
  checkForUpdates(): Promise<unknown> {
    this.checks += 1;
    return Promise.resolve(null);
  }
  downloadUpdate(): Promise<unknown> {
    this.downloads += 1;
    return Promise.resolve([]);
  }
  quitAndInstall(...args: unknown[]): void {
    this.installs.push(args);
  }
  on(event: string, listener: (payload: unknown) => void): this {
    this.listeners.set(event, listener);
    return this;
  }
  fire(event: string, payload?: unknown): void {
    this.listeners.get(event)?.(payload);
  }
}

describe('updates', () => {
  afterEach(() => {
    Reflect.deleteProperty(process.env, UPDATE_FEED_ENV);
  });

  function updateEvents(window: BrowserWindow): unknown[] {
    return window.webContents.sent
      .map(({ args }) => args[0])
      .filter((message): message is { event: string; payload: unknown } => typeof message === 'object' && message !== null)
      .filter((message) => message.event === 'updates:changed')
      .map((message) => message.payload);
  }

  it('in an installed app with a feed: checks at start, downloads, tells the window, installs only on consent', async () => {
    process.env[UPDATE_FEED_ENV] = 'https://updates.example.com/inbox/';
    const updater = new FakeAutoUpdater();
    const { window } = await startShellForTest({ packaged: true, loadAutoUpdater: () => Promise.resolve(updater) });
    expect(updater).toMatchObject({ autoDownload: false, autoInstallOnAppQuit: false });
    expect(updater.feeds).toEqual([{ provider: 'generic', url: 'https://updates.example.com/inbox/' }]);
    await vi.waitFor(() => expect(updater.checks).toBe(1), { interval: 1 });

    updater.fire('update-available', { version: '0.2.0' });
    expect(updater.downloads).toBe(1);
    updater.fire('download-progress', { percent: 50 });
    updater.fire('update-downloaded', { version: '0.2.0' });
    expect(updateEvents(window).at(-1)).toEqual({ status: 'ready', version: '0.2.0' });
    expect(updater.installs).toEqual([]);

    expect(await invokeFromFrame(window.webContents.mainFrame, INVOKE_IPC_CHANNEL, 'updates:install', {})).toEqual({ ok: true, value: {} });
    expect(updater.installs).toEqual([[false, true]]);
  });

  it('a signature mismatch reaches the window as such and nothing is installed', async () => {
    process.env[UPDATE_FEED_ENV] = 'https://updates.example.com/inbox/';
    const updater = new FakeAutoUpdater();
    const { window, services } = await startShellForTest({ packaged: true, loadAutoUpdater: () => Promise.resolve(updater) });
    updater.fire('update-available', { version: '0.2.0' });
    updater.fire('error', Object.assign(new Error('not signed by the application owner'), { code: 'ERR_UPDATER_INVALID_SIGNATURE' }));
    expect(updateEvents(window).at(-1)).toMatchObject({ status: 'error', kind: 'signature' });
    expect(await services.handlers['updates:install']({})).toMatchObject({ ok: false });
    expect(updater.installs).toEqual([]);
  });

  it('is off without a feed, and never loads electron-updater outside an installed app', async () => {
    const loader = vi.fn(() => Promise.resolve(new FakeAutoUpdater()));
    const unconfigured = await startShellForTest({ packaged: true, loadAutoUpdater: loader });
    expect(await unconfigured.services.handlers['updates:state']({})).toEqual({ ok: true, value: { status: 'off' } });
    process.env[UPDATE_FEED_ENV] = 'https://updates.example.com/inbox/';
    await startShellForTest({ packaged: false, loadAutoUpdater: loader });
    expect(loader).not.toHaveBeenCalled();
  });

  it('a feed setting that is not a safe URL turns updates off and tells the user why', async () => {
    process.env[UPDATE_FEED_ENV] = 'http://updates.example.com/inbox/';
    const loader = vi.fn(() => Promise.resolve(new FakeAutoUpdater()));
    const { services } = await startShellForTest({ packaged: true, loadAutoUpdater: loader });
    expect(await services.handlers['updates:state']({})).toEqual({ ok: true, value: { status: 'off' } });
    expect(loader).not.toHaveBeenCalled();
    expect(unwrap(await services.handlers['app:notices']({})).notices).toEqual([
      expect.objectContaining({ level: 'warning', message: expect.stringMatching(/must be an https:\/\/ URL .*so updates are off/) }),
    ]);
  });
});

describe('a crashed or hung window', () => {
  it('says what happened, that drafts are kept, reloads, and main still answers the same draft', async () => {
    const userDataDir = await temporaryUserData();
    const { window, customer } = await signedInShell(userDataDir);
    const draft = { customerId: customer.id, text: 'Your replacement ships Monday' };
    expect(await invokeFromFrame(window.webContents.mainFrame, INVOKE_IPC_CHANNEL, 'drafts:save', draft)).toEqual({ ok: true, value: {} });

    window.webContents.emit('render-process-gone', new FakeEvent(), { reason: 'crashed', exitCode: 139 });
    await vi.waitFor(() => expect(window.webContents.reloads).toBe(1), { interval: 1 });
    expect(fake.messageBoxes.map(({ options }) => [options.message, options.detail])).toEqual([[CRASH_MESSAGE, KEPT_DETAIL]]);

    // The reloaded page asks main again, as the composer does when it opens the conversation.
    expect(await invokeFromFrame(window.webContents.mainFrame, INVOKE_IPC_CHANNEL, 'drafts:get', { customerId: customer.id })).toMatchObject({
      ok: true,
      value: draft,
    });
    expect(await readFile(join(userDataDir, 'logs', 'crash.log'), 'utf8')).toContain('Renderer gone: crashed (exit code 139)');
  });

  it('a window closing normally is not a crash', async () => {
    const { window } = await startShellForTest({ userDataDir: await temporaryUserData() });
    window.webContents.emit('render-process-gone', new FakeEvent(), { reason: 'clean-exit', exitCode: 0 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(fake.messageBoxes).toEqual([]);
  });

  it('a hung window can be waited for, or ended and reloaded without a second alarm', async () => {
    const { window } = await startShellForTest({ userDataDir: await temporaryUserData() });
    fake.messageBoxResponses.push(0, 1);
    window.emit('unresponsive');
    await vi.waitFor(() => expect(fake.messageBoxes).toHaveLength(1), { interval: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(window.webContents.reloads).toBe(0);

    window.emit('unresponsive');
    await vi.waitFor(() => expect(window.webContents.reloads).toBe(1), { interval: 1 });
    expect(window.webContents.crashedByMain).toBe(1);
    expect(fake.messageBoxes.map(({ options }) => options.message)).toEqual([HANG_MESSAGE, HANG_MESSAGE]);
  });
});

describe('main-process errors', () => {
  it('recorded in one run are offered once at the next start', async () => {
    const userDataDir = await temporaryUserData();
    new CrashLog({ dir: join(userDataDir, 'logs') }).record('Uncaught exception in main', new Error('boom'));
    const { services } = await startShellForTest({ userDataDir });
    const notices = services.events.notices();
    expect(notices).toEqual([{ level: 'warning', message: expect.stringContaining(join(userDataDir, 'logs', 'crash.log')) }]);
    const later: AppServices = (await startShellForTest({ userDataDir })).services;
    expect(later.events.notices()).toEqual([]);
  });
});
