/**
 * The Electron shell: app lifecycle around the shared services. It turns the sandbox on for every renderer, keeps
 * one instance (a second launch's twoway-inbox:// link is forwarded to it), guards every session and web contents,
 * serves the renderer and media over our own schemes, wires the contract to IPC, puts up the tray, the menu and the
 * updater, recovers a crashed or hung window, keeps main's uncaught errors in the crash log, and closes the services
 * before the app quits.
 */
import { join } from 'node:path';
import { app, BrowserWindow, safeStorage, session, shell } from 'electron';
import type { AppServices, AppServicesOptions } from '../app-services';
import { CrashLog } from '../crash-log';
import { createDispatch } from '../ipc/handler-table';
import { pickedFiles } from '../media/picked-files';
import { productInfo } from '../product-info';
import { protectUserData, reportNarrowed } from '../user-data';
import { readUpdateFeed, type FeedResult } from '../updates/update-feed';
import type { UpdateMachine } from '../updates/update-machine';
import type { SafeStorage } from '../vault/safe-storage-vault';
import { recoverFromRendererFailures } from './crash-recovery';
import { createDeepLinkRouter, registerAsLinkHandler } from './deep-links';
import { guardSession, guardWebContents } from './guards';
import { forwardEvents, registerInvokeHandler, registerPickedFileHandler } from './ipc';
import { createMainWindow, type WindowStateStore } from './main-window';
import { installAppMenu } from './menu';
import { bringForward, electronNotificationPorts } from './notifications';
import { handleSchemes, registerPrivilegedSchemes } from './protocols';
import { createAppTray, type AppTray } from './tray';
import { connectAutoUpdater, type AutoUpdater } from './updates';

/** Closing the cache and the outbox should take moments; a hang must not keep a quitting app alive. */
const CLOSE_TIMEOUT_MS = 5_000;

export interface ShellOptions {
  /** main.ts passes createAppServices; tests pass services that leave the OS keychain and disk alone. */
  createServices(options: AppServicesOptions): Promise<AppServices>;
  /** Opened once the app is ready (electron-store reads the user-data path). */
  openWindowStateStore(): WindowStateStore;
  /** electron-updater's autoUpdater, loaded only when an update feed is configured and the app is packaged. */
  loadAutoUpdater?(): Promise<AutoUpdater>;
  /** main.ts routes the process's uncaught errors to the log; tests leave their runner's process alone. */
  recordUncaughtErrors?(log: CrashLog): void;
  /** The launch's arguments (process.argv): a twoway-inbox:// link among them is opened once the app is up. */
  argv?: readonly string[];
}

export function startShell(options: ShellOptions): void {
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerPrivilegedSchemes();
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  const crashLog = new CrashLog({ dir: join(app.getPath('userData'), 'logs') });
  options.recordUncaughtErrors?.(crashLog);
  registerAsLinkHandler();
  const deepLinks = createDeepLinkRouter();
  deepLinks.handleArgv(options.argv ?? process.argv);

  let mainWindow: BrowserWindow | undefined;
  app.on('second-instance', (_event, argv: string[]) => {
    bringForward(mainWindow);
    deepLinks.handleArgv(argv);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app
    .whenReady()
    .then(async () => {
      guardSession(session.defaultSession);
      // A notification can only be clicked after the services exist, so the click finds them here.
      const started: { services?: AppServices; tray?: AppTray } = {};
      const electronPorts = electronNotificationPorts({
        window: () => mainWindow,
        onOpenConversation: (customerId) => started.services?.openRequests.request({ kind: 'customer-id', customerId }),
      });
      const notificationPorts = {
        ...electronPorts,
        setBadge: (count: number) => {
          electronPorts.setBadge(count);
          started.tray?.setUnread(count);
        },
      };
      reportNarrowed(protectUserData(app.getPath('userData')));
      const feed = readUpdateFeed(app.getPath('userData'));
      const updates = await startUpdates(options, feed, (state) => started.services?.events.emit('updates:changed', state));
      const services = await options.createServices({
        mode: 'electron',
        userDataDir: app.getPath('userData'),
        safeStorage: electronSafeStorage(),
        notificationPorts,
        ...(updates !== undefined ? { updates } : {}),
      });
      started.services = services;
      closeBeforeQuit(services);
      // A mistyped feed turns updates off: the person who set it must hear so, not only a log nobody reads.
      if ('problem' in feed && feed.problem !== undefined) services.events.emit('app:notice', { level: 'warning', message: feed.problem });
      if (crashLog.takeUnseen()) {
        services.events.emit('app:notice', {
          level: 'warning',
          message: `2-Way Inbox ran into an error last time. The details, with passwords and tokens removed, are in ${crashLog.path} (Help > Show Error Log).`,
        });
      }
      const appPath = app.getAppPath();
      handleSchemes(session.defaultSession, join(appPath, 'out', 'renderer'), services.handleMediaRequest);
      registerInvokeHandler(
        createDispatch(services.handlers, {
          onInternalError: (channel, error) => console.error(`Handler for ${channel} failed:`, error),
        }),
      );
      registerPickedFileHandler(pickedFiles);
      const stateStore = options.openWindowStateStore();
      const openWindow = () => {
        mainWindow = createMainWindow({
          title: productInfo.productName,
          preloadPath: join(appPath, 'out', 'preload', 'index.cjs'),
          stateStore,
        });
        forwardEvents(services.events, mainWindow);
        recoverFromRendererFailures(mainWindow, crashLog);
      };
      const showWindow = () => {
        if (mainWindow === undefined || mainWindow.isDestroyed()) openWindow();
        else bringForward(mainWindow);
      };
      openWindow();
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) openWindow();
      });
      started.tray = createAppTray({
        iconPath: join(appPath, 'resources', 'tray-icon.png'),
        productName: productInfo.productName,
        onOpen: showWindow,
        onQuit: () => app.quit(),
      });
      installAppMenu({
        productName: productInfo.productName,
        window: () => mainWindow,
        checkForUpdates: () => void updates?.check(),
        openCrashLog: () => void shell.openPath(crashLog.path),
      });
      deepLinks.ready({
        request: (link) => {
          showWindow();
          services.openRequests.request(link);
        },
      });
      updates?.start();
      app.on('will-quit', () => updates?.stop());
    })
    .catch((error: unknown) => {
      console.error('2-Way Inbox could not start:', error);
      app.exit(1);
    });
}

/** The update machine over electron-updater, when a feed is configured and this is an installed (packaged) app. */
async function startUpdates(
  options: ShellOptions,
  feed: FeedResult,
  onChange: Parameters<typeof connectAutoUpdater>[2],
): Promise<UpdateMachine | undefined> {
  if (feed.feedUrl === undefined || !app.isPackaged || options.loadAutoUpdater === undefined) return undefined;
  return connectAutoUpdater(await options.loadAutoUpdater(), feed.feedUrl, onChange);
}

function closeBeforeQuit(services: AppServices): void {
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref());
    void Promise.race([services.close(), timeout])
      .catch((error: unknown) => console.error('Closing the services failed:', error))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
}

/** safeStorage's async API as the vault wants it; getSelectedStorageBackend exists on Linux only. */
function electronSafeStorage(): SafeStorage {
  return {
    selectedBackend: () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : process.platform),
    isAsyncEncryptionAvailable: () => safeStorage.isAsyncEncryptionAvailable(),
    encryptStringAsync: (plainText) => safeStorage.encryptStringAsync(plainText),
    decryptStringAsync: (encrypted) => safeStorage.decryptStringAsync(Buffer.from(encrypted)),
  };
}
