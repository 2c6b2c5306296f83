/**
 * Electron's security checklist, item by item, asserted on what the shell really registered with Electron: each
 * test calls the recorded handler the way Electron would and checks the outcome a user would care about.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { INVOKE_IPC_CHANNEL } from '../../../common/contract';
import { PICKED_FILE_IPC_CHANNEL } from '../../../common/contract/media';
import { startShell } from '../../../main/electron/shell';
import {
  app,
  fake,
  FakeEvent,
  FakeWebContents,
  invokeFromFrame,
  resetFakeElectron,
  session,
  type BrowserWindow,
} from '../../fakes/electron';
import { startShellForTest } from './start-shell';

let window: BrowserWindow;

beforeEach(async () => {
  ({ window } = await startShellForTest());
});

describe('the process and the window', () => {
  it('enables the sandbox for every renderer, app-wide', () => {
    expect(app.sandboxEnabled).toBe(true);
  });

  it('takes the single-instance lock', () => {
    expect(app.singleInstanceLockRequested).toBe(true);
  });

  it('quits at once, opening nothing, when another instance holds the lock', () => {
    resetFakeElectron();
    app.grantSingleInstanceLock = false;
    startShell({
      createServices: () => Promise.reject(new Error('a second instance must not start services')),
      openWindowStateStore: () => ({ read: () => undefined, write: () => {} }),
    });
    app.emitReady();
    expect(app.hasQuit).toBe(true);
    expect(fake.windows).toHaveLength(0);
    expect(fake.ipcHandlers.size).toBe(0);
  });

  it('opens the window with isolation, sandbox, no Node and web security on', () => {
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      preload: '/fake/app/out/preload/index.cjs',
    });
    expect(window.options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
  });

  it('loads our own renderer from app://inbox, never remote content', () => {
    expect(window.loadedUrl).toBe('app://inbox/index.html');
  });

  it('registers its schemes as secure and standard, without CSP bypass or cross-origin reads', () => {
    expect(fake.privilegedSchemes.map(({ scheme }) => scheme).sort()).toEqual(['app', 'inbox-media']);
    for (const { privileges } of fake.privilegedSchemes) {
      expect(privileges).toMatchObject({ standard: true, secure: true });
      expect(privileges).not.toHaveProperty('bypassCSP');
      expect(privileges).not.toHaveProperty('corsEnabled');
    }
  });
});

describe('permissions', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'display-capture'])(
    'denies a %s permission request',
    (permission) => {
      const answers: boolean[] = [];
      session.defaultSession.permissionRequestHandler?.(window.webContents, permission, (granted) =>
        answers.push(granted),
      );
      expect(answers).toEqual([false]);
    },
  );

  it('answers every permission check with false', () => {
    const check = session.defaultSession.permissionCheckHandler;
    expect(check).toBeDefined();
    for (const permission of ['media', 'notifications', 'clipboard-sanitized-write', 'hid', 'usb', 'serial']) {
      expect(check?.(window.webContents, permission, 'app://inbox')).toBe(false);
    }
  });
});

describe('navigation, new windows and webviews', () => {
  it.each(['https://evil.example/', 'app://inbox/other.html', 'file:///etc/passwd'])('prevents navigating to %s', (url) => {
    const event = new FakeEvent();
    window.webContents.emit('will-navigate', event, url);
    expect(event.defaultPrevented).toBe(true);
  });

  it('denies window.open, opening a well-formed https link in the OS browser instead', () => {
    expect(window.webContents.windowOpenHandler?.({ url: 'https://example.com/help?q=1' })).toEqual({ action: 'deny' });
    expect(fake.openedExternally).toEqual(['https://example.com/help?q=1']);
  });

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'http://example.com/',
    'mailto:someone@example.com',
    'smb://server/share',
    'https://bank.example@evil.example/',
    'https://',
    'not a url',
    `https://example.com/${'a'.repeat(3000)}`,
  ])('denies window.open of %s and never hands it to the OS', (url) => {
    expect(window.webContents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    expect(fake.openedExternally).toEqual([]);
  });

  it('prevents attaching a webview', () => {
    const event = new FakeEvent();
    window.webContents.emit('will-attach-webview', event, {}, { src: 'https://evil.example/' });
    expect(event.defaultPrevented).toBe(true);
  });

  it('guards any web contents created later the same way', () => {
    const later = new FakeWebContents();
    app.emit('web-contents-created', new FakeEvent(), later);
    const navigation = new FakeEvent();
    later.emit('will-navigate', navigation, 'https://evil.example/');
    const webview = new FakeEvent();
    later.emit('will-attach-webview', webview, {}, {});
    expect(navigation.defaultPrevented).toBe(true);
    expect(webview.defaultPrevented).toBe(true);
    expect(later.windowOpenHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(fake.openedExternally).toEqual([]);
  });
});

describe('IPC sender validation', () => {
  const forbidden = {
    ok: false,
    error: expect.objectContaining({ code: 'FORBIDDEN_CALLER' }),
  };

  it('dispatches a call from our own top-level page', async () => {
    const reply = await invokeFromFrame(window.webContents.mainFrame, INVOKE_IPC_CHANNEL, 'app:info', {});
    expect(reply).toEqual({ ok: true, value: expect.objectContaining({ name: '2-Way Inbox', mode: 'electron' }) });
  });

  it('rejects a call from a frame inside our page (an iframe)', async () => {
    const frame = window.webContents.childFrame('app://inbox/index.html');
    expect(await invokeFromFrame(frame, INVOKE_IPC_CHANNEL, 'app:info', {})).toEqual(forbidden);
  });

  it.each(['https://evil.example/', 'app://other/index.html', 'file:///tmp/index.html', 'about:blank', ''])(
    'rejects a call from a top-level page at %s',
    async (url) => {
      expect(await invokeFromFrame({ url, parent: null }, INVOKE_IPC_CHANNEL, 'app:info', {})).toEqual(forbidden);
    },
  );

  it('rejects a call whose frame is gone (navigated or destroyed)', async () => {
    expect(await invokeFromFrame(null, INVOKE_IPC_CHANNEL, 'app:info', {})).toEqual(forbidden);
  });

  it('answers an unknown channel from our page with UNKNOWN_CHANNEL, and bad input with BAD_INPUT', async () => {
    const frame = window.webContents.mainFrame;
    expect(await invokeFromFrame(frame, INVOKE_IPC_CHANNEL, 'fs:read', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    expect(await invokeFromFrame(frame, INVOKE_IPC_CHANNEL, 'app:info', { extra: true })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
  });

  it("registers the invoke channel and the preload's picked-file channel only: nothing else listens for the renderer", () => {
    expect([...fake.ipcHandlers.keys()]).toEqual([INVOKE_IPC_CHANNEL, PICKED_FILE_IPC_CHANNEL]);
  });
});
