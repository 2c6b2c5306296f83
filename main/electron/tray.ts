/**
 * The tray (notification-area) icon: the unread count in its tooltip (and beside it on macOS's menu bar), and a
 * menu to open the window or quit. Closing the window leaves the app where the tray can bring it back.
 */
import { Menu, nativeImage, Tray } from 'electron';

export interface AppTrayOptions {
  /** resources/tray-icon.png; Electron picks tray-icon@2x.png beside it on high-density screens. */
  iconPath: string;
  productName: string;
  onOpen(): void;
  onQuit(): void;
}

export interface AppTray {
  setUnread(count: number): void;
  destroy(): void;
}

export function unreadTooltip(productName: string, count: number): string {
  if (count <= 0) return productName;
  return `${productName} — ${count} unread`;
}

export function createAppTray(options: AppTrayOptions): AppTray {
  const tray = new Tray(nativeImage.createFromPath(options.iconPath));
  tray.setToolTip(unreadTooltip(options.productName, 0));
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: `Open ${options.productName}`, click: () => options.onOpen() },
      { type: 'separator' },
      { label: 'Quit', click: () => options.onQuit() },
    ]),
  );
  // Windows and Linux open the app on a click; macOS shows the menu, as its menu-bar items do.
  tray.on('click', () => {
    if (process.platform !== 'darwin') options.onOpen();
  });
  return {
    setUnread: (count) => {
      if (tray.isDestroyed()) return;
      tray.setToolTip(unreadTooltip(options.productName, count));
      tray.setTitle(count > 0 ? String(count) : '');
    },
    destroy: () => tray.destroy(),
  };
}
