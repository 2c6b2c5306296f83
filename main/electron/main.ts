/**
 * The Electron main process's entry (bundled to out/main/index.js). Everything testable lives in shell.ts; this
 * file only wires in what tests replace: the real services, and electron-store (which loads the real 'electron').
 */
import Store from 'electron-store';
import { createAppServices } from '../app-services';
import { useOwnerOnlyUmask } from '../user-data';
import { startShell } from './shell';

useOwnerOnlyUmask();
startShell({
  createServices: createAppServices,
  openWindowStateStore: () => {
    const store = new Store<{ window?: unknown }>({ name: 'window-state' });
    return { read: () => store.get('window'), write: (state) => store.set('window', state) };
  },
});
