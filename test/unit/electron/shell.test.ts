/** The shell's lifecycle: one instance, the window's remembered state, our two schemes, events out, a clean quit. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EVENT_IPC_CHANNEL } from '../../../common/contract';
import { startShell } from '../../../main/electron/shell';
import { app, FakeEvent, resetFakeElectron, session } from '../../fakes/electron';
import { startShellForTest } from './start-shell';

const temporaryDirs: string[] = [];
afterEach(async () => {
  await Promise.all(temporaryDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function callScheme(scheme: string, url: string): Promise<Response> {
  const handler = session.defaultSession.protocolHandlers.get(scheme);
  if (handler === undefined) throw new Error(`no handler for ${scheme}`);
  return handler(new Request(url));
}

describe('a second launch', () => {
  it('brings the first window back instead of opening another', async () => {
    const { window } = await startShellForTest();
    window.minimized = true;
    app.emit('second-instance', new FakeEvent(), ['2-way-inbox'], '/');
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);
  });
});

describe('the window', () => {
  it('shows once its content is ready, titled with the product name', async () => {
    const { window } = await startShellForTest();
    expect(window.options.title).toBe('2-Way Inbox');
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('reopens at the size, place, maximized state and zoom it was closed in', async () => {
    const stored = { x: 200, y: 150, width: 1000, height: 700, maximized: true, zoomFactor: 1.25 };
    const { window, savedStates } = await startShellForTest({ storedWindowState: stored });
    expect(window.options).toMatchObject({ x: 200, y: 150, width: 1000, height: 700 });
    expect(window.options).not.toHaveProperty('zoomFactor');
    expect(window.isMaximized()).toBe(true);
    // Chromium resets the zoom when a page loads, so it is applied on every load (a reload after a crash too).
    window.webContents.emit('did-finish-load');
    expect(window.webContents.getZoomFactor()).toBe(1.25);

    window.maximized = false;
    window.bounds = { x: 10, y: 20, width: 900, height: 650 };
    window.webContents.zoomFactor = 0.9;
    window.close();
    expect(savedStates).toEqual([{ x: 10, y: 20, width: 900, height: 650, maximized: false, zoomFactor: 0.9 }]);
  });

  it('forgets a position on a screen that is no longer there, keeping the size', async () => {
    const stored = { x: 5000, y: 3000, width: 1000, height: 700, maximized: false };
    const { window } = await startShellForTest({ storedWindowState: stored });
    expect(window.options).toMatchObject({ width: 1000, height: 700 });
    expect(window.options).not.toHaveProperty('x');
  });

  it.each([{ width: 'wide' }, 'garbage', { width: 10, height: 10, maximized: false }])(
    'ignores a stored state that does not parse (%j)',
    async (stored) => {
      const { window } = await startShellForTest({ storedWindowState: stored });
      expect(window.options).toMatchObject({ width: 1200, height: 800 });
    },
  );
});

describe('app://inbox serves the built renderer and nothing else', () => {
  async function withRenderer(): Promise<string> {
    const appPath = await mkdtemp(join(tmpdir(), 'inbox-app-'));
    temporaryDirs.push(appPath);
    await mkdir(join(appPath, 'out', 'renderer', 'assets'), { recursive: true });
    await writeFile(join(appPath, 'out', 'renderer', 'index.html'), '<!doctype html><title>inbox</title>');
    await writeFile(join(appPath, 'out', 'renderer', 'assets', 'index.js'), 'console.log(1)');
    await writeFile(join(appPath, 'out', 'secret.txt'), 'not for the renderer');
    await writeFile(join(appPath, 'package.json'), '{}');
    return appPath;
  }

  it('serves index.html and assets with their types', async () => {
    await startShellForTest({ appPath: await withRenderer() });
    const page = await callScheme('app', 'app://inbox/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>inbox</title>');
    const script = await callScheme('app', 'app://inbox/assets/index.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    'app://inbox/%2e%2e/secret.txt',
    'app://inbox/..%2Fsecret.txt',
    'app://inbox/assets/..%2F..%2Fsecret.txt',
    'app://inbox/..%5Csecret.txt',
    'app://inbox/../package.json',
    'app://inbox/missing.js',
    'app://inbox/%E0%A4%A',
    'app://other/index.html',
  ])('answers 404 for %s', async (url) => {
    await startShellForTest({ appPath: await withRenderer() });
    const response = await callScheme('app', url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('not for the renderer');
  });

  it('serves nothing but GET and HEAD', async () => {
    await startShellForTest({ appPath: await withRenderer() });
    const handler = session.defaultSession.protocolHandlers.get('app');
    const response = await handler?.(new Request('app://inbox/index.html', { method: 'POST', body: 'x' }));
    expect(response?.status).toBe(404);
  });
});

describe('inbox-media://', () => {
  it('answers 404 while no media service is there to answer it', async () => {
    await startShellForTest();
    expect((await callScheme('inbox-media', 'inbox-media://attachment/42')).status).toBe(404);
  });

  it("hands requests to the media service's handler", async () => {
    const seen: string[] = [];
    await startShellForTest({
      handleMediaRequest: async (incoming) => {
        seen.push(incoming.url);
        return new Response('image bytes', { headers: { 'Content-Type': 'image/png' } });
      },
    });
    const response = await callScheme('inbox-media', 'inbox-media://attachment/42');
    expect(await response.text()).toBe('image bytes');
    expect(seen).toEqual(['inbox-media://attachment/42']);
  });

  it('answers 500 when the media service fails, without crashing the protocol', async () => {
    await startShellForTest({ handleMediaRequest: () => Promise.reject(new Error('disk full')) });
    expect((await callScheme('inbox-media', 'inbox-media://attachment/42')).status).toBe(500);
  });
});

describe('services', () => {
  it('are created for electron mode with the user-data folder and a safeStorage that names its backend', async () => {
    const { servicesOptions } = await startShellForTest();
    expect(servicesOptions).toMatchObject({ mode: 'electron', userDataDir: '/fake/user-data' });
    const expectedBackend = process.platform === 'linux' ? 'gnome_libsecret' : process.platform;
    expect(servicesOptions.safeStorage?.selectedBackend()).toBe(expectedBackend);
    const encrypted = await servicesOptions.safeStorage?.encryptStringAsync('secret');
    expect(encrypted && (await servicesOptions.safeStorage?.decryptStringAsync(encrypted))?.result).toBe('secret');
  });

  it("forward contract events to the window until it closes", async () => {
    const { window, services } = await startShellForTest();
    services.events.emit('app:notice', { level: 'warning', message: 'Keychain unavailable' });
    expect(window.webContents.sent).toEqual([
      { channel: EVENT_IPC_CHANNEL, args: [{ event: 'app:notice', payload: { level: 'warning', message: 'Keychain unavailable' } }] },
    ]);
    window.close();
    services.events.emit('app:notice', { level: 'info', message: 'after close' });
    expect(window.webContents.sent).toHaveLength(1);
  });

  it('are closed before the app quits', async () => {
    const { closeCalls } = await startShellForTest();
    app.quit();
    expect(app.hasQuit).toBe(false);
    await vi.waitFor(() => expect(app.hasQuit).toBe(true), { interval: 1 });
    expect(closeCalls()).toBe(1);
  });

  it('quit the app when every window is closed (except on macOS)', async () => {
    const { window } = await startShellForTest();
    window.close();
    app.emit('window-all-closed');
    expect(app.quitRequests > 0).toBe(process.platform !== 'darwin');
  });

  it('failing to start ends the app with an error code', async () => {
    resetFakeElectron();
    startShell({
      createServices: () => Promise.reject(new Error('cache is corrupt')),
      openWindowStateStore: () => ({ read: () => undefined, write: () => {} }),
    });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    app.emitReady();
    await vi.waitFor(() => expect(app.exitCode).toBe(1), { interval: 1 });
    expect(errors).toHaveBeenCalledWith('2-Way Inbox could not start:', expect.any(Error));
    errors.mockRestore();
  });
});
