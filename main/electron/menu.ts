/**
 * The application menu: each platform's standard roles (the macOS app menu, Edit with its clipboard shortcuts,
 * View with zoom, Window) and the app's own commands. "Find Customer" shows the page's Ctrl/Cmd+K without taking the
 * key from it (registerAccelerator false) and, clicked, sends the page that same key.
 */
import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';

export interface AppMenuActions {
  productName: string;
  window(): BrowserWindow | undefined;
  checkForUpdates(): void;
  openCrashLog(): void;
}

export function appMenuTemplate(platform: NodeJS.Platform, actions: AppMenuActions): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const findCustomer: MenuItemConstructorOptions = {
    label: 'Find Customer',
    accelerator: 'CmdOrCtrl+K',
    registerAccelerator: false,
    click: () =>
      actions.window()?.webContents.sendInputEvent({ type: 'keyDown', keyCode: 'K', modifiers: [isMac ? 'meta' : 'control'] }),
  };
  const checkForUpdates: MenuItemConstructorOptions = { label: 'Check for Updates…', click: () => actions.checkForUpdates() };
  return [
    ...(isMac
      ? [
          {
            label: actions.productName,
            submenu: [
              { role: 'about' },
              checkForUpdates,
              { type: 'separator' },
              { role: 'services' },
              { type: 'separator' },
              { role: 'hide' },
              { role: 'hideOthers' },
              { role: 'unhide' },
              { type: 'separator' },
              { role: 'quit' },
            ],
          } satisfies MenuItemConstructorOptions,
        ]
      : []),
    {
      label: 'File',
      submenu: [findCustomer, ...(isMac ? [{ role: 'close' } as const] : [checkForUpdates, { type: 'separator' } as const, { role: 'quit' } as const])],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'Show Error Log', click: () => actions.openCrashLog() }] },
  ];
}

export function installAppMenu(actions: AppMenuActions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(process.platform, actions)));
}
