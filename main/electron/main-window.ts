/**
 * The one window: locked-down web preferences, the renderer loaded from `app://inbox/`, and its size, position,
 * maximized state and zoom remembered between launches (a position on a screen that is gone is forgotten).
 */
import { BrowserWindow, screen, type Rectangle } from 'electron';
import { z } from 'zod';
import { APP_ORIGIN } from './protocols';

const WindowState = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400),
  height: z.number().int().min(300),
  maximized: z.boolean(),
  /** The page's zoom (View > Zoom In / Out, Ctrl+= / Ctrl+-); Chromium's own range is 25% to 500%. */
  zoomFactor: z.number().min(0.25).max(5).optional(),
});
export type WindowState = z.infer<typeof WindowState>;

const DEFAULT_STATE: WindowState = { width: 1200, height: 800, maximized: false };

/** Where the state is kept (electron-store in the app); its content is read as unknown and parsed. */
export interface WindowStateStore {
  read(): unknown;
  write(state: WindowState): void;
}

export interface MainWindowOptions {
  title: string;
  preloadPath: string;
  stateStore: WindowStateStore;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { zoomFactor, ...state } = restoreState(options.stateStore.read());
  const window = new BrowserWindow({
    title: options.title,
    ...state,
    minWidth: 640,
    minHeight: 480,
    show: false,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // The composer is spell-checked. macOS checks with the OS; on Windows and Linux Chromium fetches the
      // language's Hunspell dictionary once from Google's CDN (no text the agent types leaves the computer).
      spellcheck: true,
    },
  });
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  // Chromium resets the zoom on each navigation, so it is set again whenever the page (re)loads.
  if (zoomFactor !== undefined) window.webContents.on('did-finish-load', () => window.webContents.setZoomFactor(zoomFactor));
  window.on('close', () => {
    const bounds = window.isMaximized() ? window.getNormalBounds() : window.getBounds();
    options.stateStore.write({ ...bounds, maximized: window.isMaximized(), zoomFactor: window.webContents.getZoomFactor() });
  });
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

function restoreState(stored: unknown): WindowState {
  const parsed = WindowState.safeParse(stored);
  if (!parsed.success) return DEFAULT_STATE;
  const { x, y, ...rest } = parsed.data;
  if (x === undefined || y === undefined) return rest;
  return isOnSomeScreen({ x, y, width: rest.width, height: rest.height }) ? parsed.data : rest;
}

function isOnSomeScreen(bounds: Rectangle): boolean {
  // The title bar must be reachable: its top-left corner lies inside some display's work area.
  return screen.getAllDisplays().some(({ workArea }) => {
    return (
      bounds.x >= workArea.x &&
      bounds.y >= workArea.y &&
      bounds.x < workArea.x + workArea.width &&
      bounds.y < workArea.y + workArea.height
    );
  });
}
