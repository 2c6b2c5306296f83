/** Starts the Electron shell against the fake 'electron' module, with real services that touch no keychain or disk. */
import { expect, vi } from 'vitest';
import { createAppServices, type AppServices, type AppServicesOptions } from '../../../main/app-services';
import type { WindowState } from '../../../main/electron/main-window';
import { startShell, type ShellOptions } from '../../../main/electron/shell';
import { app, fake, resetFakeElectron, type BrowserWindow } from '../../fakes/electron';

export interface StartedShell {
  window: BrowserWindow;
  services: AppServices;
  /** What the shell asked createAppServices for. */
  servicesOptions: AppServicesOptions;
  savedStates: WindowState[];
  closeCalls: () => number;
}

export interface StartOptions {
  /** Where the app's out/ folder is (the fake's default holds nothing). */
  appPath?: string;
  storedWindowState?: unknown;
  /** What `app.getPath('userData')` answers (the fake's default is a path that does not exist). */
  userDataDir?: string;
  handleMediaRequest?: (request: Request) => Promise<Response>;
  /** The launch's arguments (the test runner's own are used otherwise, which hold no link). */
  argv?: string[];
  /** Makes `app.isPackaged` true, as in an installed app (updates are only looked for there). */
  packaged?: boolean;
  loadAutoUpdater?: ShellOptions['loadAutoUpdater'];
}

export async function startShellForTest(options: StartOptions = {}): Promise<StartedShell> {
  resetFakeElectron();
  if (options.appPath !== undefined) app.appPath = options.appPath;
  if (options.userDataDir !== undefined) app.paths.set('userData', options.userDataDir);
  if (options.packaged === true) app.isPackaged = true;
  const savedStates: WindowState[] = [];
  let servicesOptions: AppServicesOptions | undefined;
  let services: AppServices | undefined;
  let closeCalls = 0;
  startShell({
    createServices: async (requested) => {
      servicesOptions = requested;
      const real = await createAppServices({
        mode: requested.mode,
        ...(requested.updates !== undefined ? { updates: requested.updates } : {}),
      });
      services = {
        ...real,
        ...(options.handleMediaRequest ? { handleMediaRequest: options.handleMediaRequest } : {}),
        close: async () => {
          closeCalls += 1;
          await real.close();
        },
      };
      return services;
    },
    openWindowStateStore: () => ({ read: () => options.storedWindowState, write: (state) => savedStates.push(state) }),
    argv: options.argv ?? [],
    ...(options.loadAutoUpdater !== undefined ? { loadAutoUpdater: options.loadAutoUpdater } : {}),
  });
  app.emitReady();
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { interval: 1 });
  const [window] = fake.windows;
  if (window === undefined || services === undefined || servicesOptions === undefined) {
    throw new Error('the shell did not open its window');
  }
  return { window, services, servicesOptions, savedStates, closeCalls: () => closeCalls };
}
