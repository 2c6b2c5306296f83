/**
 * A stand-in for the 'electron' module in unit and integration tests (vitest aliases it): Electron's binary never
 * runs here. It records what the shell and the preload do with Electron (window options, IPC handlers, session
 * handlers, web-contents listeners, protocols, openExternal calls, notifications, badge counts, trays, menus, message
 * boxes) and lets tests fire events (a notification's click too), script message-box answers and call the recorded
 * handlers the way Electron would.
 */
type Listener = (...args: never[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();

  on(name: string, listener: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }

  once(name: string, listener: Listener): this {
    const wrapper = ((...args: never[]) => {
      this.removeListener(name, wrapper);
      return listener(...args);
    }) as Listener;
    return this.on(name, wrapper);
  }

  removeListener(name: string, listener: Listener): this {
    this.listeners.set(name, (this.listeners.get(name) ?? []).filter((candidate) => candidate !== listener));
    return this;
  }

  /** Calls the listeners the way Electron would; tests pass whatever arguments the real event carries. */
  emit(name: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(name) ?? []) (listener as (...args: unknown[]) => unknown)(...args);
  }

  listenerCount(name: string): number {
    return this.listeners.get(name)?.length ?? 0;
  }
}

/** An Electron event: records whether a listener prevented the default action. */
export class FakeEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

export interface WindowOpenDetails {
  url: string;
  disposition?: string;
}
type WindowOpenHandler = (details: WindowOpenDetails) => { action: 'allow' | 'deny' };

export class FakeWebContents extends Emitter {
  private static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly mainFrame: FakeFrame = { url: '', parent: null };
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: WindowOpenHandler | undefined;
  reloads = 0;
  crashedByMain = 0;
  zoomFactor = 1;
  /** Keyboard input sent to the page (menu items that stand for the page's own shortcuts). */
  readonly inputEvents: { type: string; keyCode: string; modifiers?: string[] }[] = [];

  reload(): void {
    this.reloads += 1;
  }
  /** Ends the page's process as Electron does for a hung renderer: render-process-gone follows with 'killed'. */
  forcefullyCrashRenderer(): void {
    this.crashedByMain += 1;
    this.emit('render-process-gone', new FakeEvent(), { reason: 'killed', exitCode: 9 });
  }
  setZoomFactor(factor: number): void {
    this.zoomFactor = factor;
  }
  getZoomFactor(): number {
    return this.zoomFactor;
  }
  sendInputEvent(event: { type: string; keyCode: string; modifiers?: string[] }): void {
    this.inputEvents.push(event);
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }

  /** A frame inside this page, as an iframe would be. */
  childFrame(url: string): FakeFrame {
    return { url, parent: this.mainFrame };
  }
}

interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class BrowserWindow extends Emitter {
  readonly webContents = new FakeWebContents();
  loadedUrl: string | undefined;
  shown = false;
  focused = false;
  minimized = false;
  maximized = false;
  destroyed = false;
  bounds: Bounds;

  constructor(readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> }) {
    super();
    const number = (key: string, fallback: number) => (typeof options[key] === 'number' ? options[key] : fallback);
    this.bounds = { x: number('x', 100), y: number('y', 100), width: number('width', 800), height: number('height', 600) };
    fake.windows.push(this);
    app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }

  static getAllWindows(): BrowserWindow[] {
    return fake.windows.filter((window) => !window.destroyed);
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }

  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused = true;
  }
  restore(): void {
    this.minimized = false;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getBounds(): Bounds {
    return { ...this.bounds };
  }
  getNormalBounds(): Bounds {
    return { ...this.bounds };
  }

  /** The user closes the window. */
  close(): void {
    this.emit('close', new FakeEvent());
    this.destroyed = true;
    this.emit('closed');
  }
}

class FakeApp extends Emitter {
  sandboxEnabled = false;
  singleInstanceLockRequested = false;
  /** False makes this the second instance. */
  grantSingleInstanceLock = true;
  quitRequests = 0;
  hasQuit = false;
  exitCode: number | undefined;
  appPath = '/fake/app';
  isPackaged = false;
  readonly paths = new Map<string, string>();
  /** Every `setAsDefaultProtocolClient` call's arguments. */
  protocolClients: { scheme: string; path?: string; args?: string[] }[] = [];
  private ready!: Promise<unknown>;
  private markReady!: () => void;

  constructor() {
    super();
    this.reset();
  }

  enableSandbox(): void {
    this.sandboxEnabled = true;
  }

  requestSingleInstanceLock(): boolean {
    this.singleInstanceLockRequested = true;
    return this.grantSingleInstanceLock;
  }

  whenReady(): Promise<unknown> {
    return this.ready;
  }

  /** Electron finished starting: `whenReady()` resolves. */
  emitReady(): void {
    this.markReady();
  }

  getAppPath(): string {
    return this.appPath;
  }

  getPath(name: string): string {
    const path = this.paths.get(name);
    if (path === undefined) throw new Error(`fake app has no path ${name}`);
    return path;
  }

  /** Like Electron: will-quit may be prevented; otherwise the app is gone. */
  quit(): void {
    this.quitRequests += 1;
    const event = new FakeEvent();
    this.emit('will-quit', event);
    if (!event.defaultPrevented) this.hasQuit = true;
  }

  setAsDefaultProtocolClient(scheme: string, path?: string, args?: string[]): boolean {
    this.protocolClients.push({ scheme, ...(path !== undefined ? { path } : {}), ...(args !== undefined ? { args } : {}) });
    return true;
  }

  setBadgeCount(count: number): boolean {
    fake.badgeCounts.push(count);
    return true;
  }

  exit(code = 0): void {
    this.exitCode = code;
    this.hasQuit = true;
  }

  reset(): void {
    this.listeners.clear();
    this.sandboxEnabled = false;
    this.singleInstanceLockRequested = false;
    this.grantSingleInstanceLock = true;
    this.quitRequests = 0;
    this.hasQuit = false;
    this.exitCode = undefined;
    this.appPath = '/fake/app';
    this.isPackaged = false;
    this.protocolClients = [];
    this.paths.clear();
    this.paths.set('userData', '/fake/user-data');
    this.ready = new Promise((resolve) => {
      this.markReady = () => resolve(undefined);
    });
  }
}

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, origin: string) => boolean;
type ProtocolHandler = (request: Request) => Response | Promise<Response>;

class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | undefined;
  permissionCheckHandler: PermissionCheckHandler | undefined;
  readonly protocolHandlers = new Map<string, ProtocolHandler>();
  readonly protocol = {
    handle: (scheme: string, handler: ProtocolHandler) => {
      this.protocolHandlers.set(scheme, handler);
    },
  };

  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheckHandler = handler;
  }
}

export interface IpcInvokeEvent {
  sender: FakeWebContents;
  senderFrame: FakeFrame | null;
}
type IpcMainHandler = (event: IpcInvokeEvent, ...args: unknown[]) => unknown;

/** Everything recorded, for tests to read. */
export const fake = {
  /** Every Notification constructed, shown or not. */
  notifications: [] as Notification[],
  /** What `Notification.isSupported()` answers. */
  notificationsSupported: true,
  /** Every `app.setBadgeCount` argument, in order. */
  badgeCounts: [] as number[],
  windows: [] as BrowserWindow[],
  privilegedSchemes: [] as { scheme: string; privileges: Record<string, boolean> }[],
  ipcHandlers: new Map<string, IpcMainHandler>(),
  openedExternally: [] as string[],
  exposedInMainWorld: new Map<string, unknown>(),
  rendererInvocations: [] as { channel: string; args: unknown[] }[],
  displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
  safeStorageBackend: 'gnome_libsecret',
  /** What `webUtils.getPathForFile` answers per file; any other file has no path, like one made by the page. */
  filePaths: new Map<unknown, string>(),
  trays: [] as Tray[],
  applicationMenu: null as Menu | null,
  /** Every message box shown, with the window it was shown over. */
  messageBoxes: [] as { options: MessageBoxOptions }[],
  /** The button index the next message boxes answer, in order; 0 when the queue is empty. */
  messageBoxResponses: [] as number[],
  /** Paths `shell.openPath` was asked to open. */
  openedPaths: [] as string[],
};

/** A menu item as a template gives it (the fake keeps templates as they are). */
export interface MenuItemOptions {
  label?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  registerAccelerator?: boolean;
  enabled?: boolean;
  submenu?: MenuItemOptions[];
  click?: (...args: never[]) => unknown;
}

export class Menu {
  constructor(readonly items: MenuItemOptions[]) {}

  static buildFromTemplate(template: MenuItemOptions[]): Menu {
    return new Menu(template);
  }

  static setApplicationMenu(menu: Menu | null): void {
    fake.applicationMenu = menu;
  }
}

export interface FakeNativeImage {
  path: string;
  isEmpty(): boolean;
}

export const nativeImage = {
  createFromPath: (path: string): FakeNativeImage => ({ path, isEmpty: () => false }),
};

/** The tray icon: its image, tooltip, title (macOS shows it beside the icon) and context menu. */
export class Tray extends Emitter {
  tooltip = '';
  title = '';
  contextMenu: Menu | null = null;
  destroyed = false;

  constructor(readonly image: FakeNativeImage) {
    super();
    fake.trays.push(this);
  }
  setToolTip(tooltip: string): void {
    this.tooltip = tooltip;
  }
  setTitle(title: string): void {
    this.title = title;
  }
  setContextMenu(menu: Menu | null): void {
    this.contextMenu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export interface MessageBoxOptions {
  type?: string;
  message: string;
  detail?: string;
  buttons?: string[];
}

export const dialog = {
  showMessageBox(...args: [BrowserWindow, MessageBoxOptions] | [MessageBoxOptions]): Promise<{ response: number }> {
    const options = args.length === 2 ? args[1] : args[0];
    fake.messageBoxes.push({ options });
    return Promise.resolve({ response: fake.messageBoxResponses.shift() ?? 0 });
  },
};

export const app = new FakeApp();

/** An OS notification: records its options and whether it was shown; `click()` is the agent clicking it. */
export class Notification extends Emitter {
  shown = false;

  constructor(readonly options: { title?: string; body?: string }) {
    super();
    fake.notifications.push(this);
  }

  static isSupported(): boolean {
    return fake.notificationsSupported;
  }

  show(): void {
    this.shown = true;
  }

  click(): void {
    this.emit('click', new FakeEvent());
  }
}
export const session = { defaultSession: new FakeSession() };

export const protocol = {
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]): void {
    fake.privilegedSchemes = schemes;
  },
};

export const shell = {
  openExternal(url: string): Promise<void> {
    fake.openedExternally.push(url);
    return Promise.resolve();
  },
  openPath(path: string): Promise<string> {
    fake.openedPaths.push(path);
    return Promise.resolve('');
  },
};

export const screen = {
  getAllDisplays: () => fake.displays,
};

export const ipcMain = {
  handle(channel: string, handler: IpcMainHandler): void {
    if (fake.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    fake.ipcHandlers.set(channel, handler);
  },
};

/** Calls main's recorded handler as Electron would for an invoke from `frame` of the first window. */
export function invokeFromFrame(frame: FakeFrame | null, channel: string, ...args: unknown[]): Promise<unknown> {
  const handler = fake.ipcHandlers.get(channel);
  if (handler === undefined) return Promise.reject(new Error(`No handler registered for '${channel}'`));
  const sender = fake.windows[0]?.webContents ?? new FakeWebContents();
  return Promise.resolve().then(() => handler({ sender, senderFrame: frame }, ...args));
}

class FakeIpcRenderer extends Emitter {
  /** Reaches main's recorded handler from the first window's own top-level frame, like a real preload would. */
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    fake.rendererInvocations.push({ channel, args });
    return invokeFromFrame(fake.windows[0]?.webContents.mainFrame ?? null, channel, ...args);
  }
}

export const ipcRenderer = new FakeIpcRenderer();

export const webUtils = {
  getPathForFile(file: unknown): string {
    return fake.filePaths.get(file) ?? '';
  },
};

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    fake.exposedInMainWorld.set(key, api);
  },
};

/** Reversible, so the vault's fallback can be exercised; the backend name is what the vault checks. */
export const safeStorage = {
  getSelectedStorageBackend: () => fake.safeStorageBackend,
  isAsyncEncryptionAvailable: () => Promise.resolve(true),
  encryptStringAsync: (plainText: string) => Promise.resolve(Buffer.from(plainText, 'utf8').reverse()),
  decryptStringAsync: (encrypted: Buffer) =>
    Promise.resolve({ result: Buffer.from(encrypted).reverse().toString('utf8'), shouldReEncrypt: false }),
};

/** Back to a freshly started Electron. The preload's exposures are kept: they happen once, when it is imported. */
export function resetFakeElectron(): void {
  app.reset();
  session.defaultSession = new FakeSession();
  ipcRenderer.listeners.clear();
  Object.assign(fake, {
    windows: [],
    privilegedSchemes: [],
    ipcHandlers: new Map(),
    openedExternally: [],
    rendererInvocations: [],
    displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
    safeStorageBackend: 'gnome_libsecret',
    notifications: [],
    notificationsSupported: true,
    badgeCounts: [],
    trays: [],
    applicationMenu: null,
    messageBoxes: [],
    messageBoxResponses: [],
    openedPaths: [],
  });
}
