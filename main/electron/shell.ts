/**
 * The Electron shell: app lifecycle around the shared services. It turns the sandbox on for every renderer, keeps
 * one instance, guards every session and web contents, serves the renderer and media over our own schemes, wires
 * the contract to IPC, and closes the services before the app quits.
 */
import { join } from 'node:path';
import { app, BrowserWindow, safeStorage, session } from 'electron';
import type { AppServices, AppServicesOptions } from '../app-services';
import { createDispatch } from '../ipc/handler-table';
import { pickedFiles } from '../media/picked-files';
import { productInfo } from '../product-info';
import { protectUserData, reportNarrowed } from '../user-data';
import type { SafeStorage } from '../vault/safe-storage-vault';
import { guardSession, guardWebContents } from './guards';
import { forwardEvents, registerInvokeHandler, registerPickedFileHandler } from './ipc';
import { createMainWindow, type WindowStateStore } from './main-window';
import { bringForward, electronNotificationPorts } from './notifications';
import { handleSchemes, registerPrivilegedSchemes } from './protocols';

/** Closing the cache and the outbox should take moments; a hang must not keep a quitting app alive. */
const CLOSE_TIMEOUT_MS = 5_000;

export interface ShellOptions {
  /** main.ts passes createAppServices; tests pass services that leave the OS keychain and disk alone. */
  createServices(options: AppServicesOptions): Promise<AppServices>;
  /** Opened once the app is ready (electron-store reads the user-data path). */
  openWindowStateStore(): WindowStateStore;
}

export function startShell(options: ShellOptions): void {
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerPrivilegedSchemes();
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));

  let mainWindow: BrowserWindow | undefined;
  app.on('second-instance', () => bringForward(mainWindow));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app
    .whenReady()
    .then(async () => {
      guardSession(session.defaultSession);
      // A notification can only be clicked after the services exist, so the click finds them here.
      const started: { services?: AppServices } = {};
      const notificationPorts = electronNotificationPorts({
        window: () => mainWindow,
        onOpenConversation: (customerId) => started.services?.events.emit('app:open-conversation', { customerId }),
      });
      reportNarrowed(protectUserData(app.getPath('userData')));
      const services = await options.createServices({
        mode: 'electron',
        userDataDir: app.getPath('userData'),
        safeStorage: electronSafeStorage(),
        notificationPorts,
      });
      started.services = services;
      closeBeforeQuit(services);
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
      };
      openWindow();
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) openWindow();
      });
    })
    .catch((error: unknown) => {
      console.error('2-Way Inbox could not start:', error);
      app.exit(1);
    });
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
