/**
 * The Electron main process's entry (bundled to out/main/index.js). Everything testable lives in shell.ts; this
 * file only wires in what tests replace: the real services, electron-store and electron-updater (which load the real
 * 'electron'), and the process's own uncaught errors.
 */
import Store from 'electron-store';
import { createAppServices } from '../app-services';
import { recordUncaughtErrors } from '../crash-log';
import { useOwnerOnlyUmask } from '../user-data';
import { startShell } from './shell';

useOwnerOnlyUmask();
startShell({
  createServices: createAppServices,
  openWindowStateStore: () => {
    const store = new Store<{ window?: unknown }>({ name: 'window-state' });
    return { read: () => store.get('window'), write: (state) => store.set('window', state) };
  },
  // electron-updater is CommonJS whose exports Node's ESM loader cannot list: they are all on its default export.
  loadAutoUpdater: async () => (await import('electron-updater')).default.autoUpdater,
  recordUncaughtErrors,
  argv: process.argv,
});
