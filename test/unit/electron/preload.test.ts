/**
 * The preload as the renderer meets it: `window.inbox` is the only thing exposed, it carries contract calls and
 * events, and it refuses names outside the contract before anything reaches main.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { EVENT_IPC_CHANNEL, INVOKE_IPC_CHANNEL, type InboxBridge } from '../../../common/contract';
import { PICKED_FILE_IPC_CHANNEL } from '../../../common/contract/media';
import { pickedFiles } from '../../../main/media/picked-files';
import { fake, invokeFromFrame, ipcRenderer } from '../../fakes/electron';
// Importing the preload runs it, as Electron would before the page loads.
import '../../../preload/index';
import { startShellForTest } from './start-shell';

// Read before any test resets the fake: the preload exposes once, at load.
const exposed = new Map(fake.exposedInMainWorld);
const bridge = exposed.get('inbox') as InboxBridge;

beforeEach(async () => {
  await startShellForTest();
});

describe('what the preload exposes', () => {
  it('exposes `inbox` and nothing else', () => {
    expect([...exposed.keys()]).toEqual(['inbox']);
  });

  it('gives `inbox` exactly invoke, on and fileReference, never ipcRenderer', () => {
    expect(Object.keys(bridge).sort()).toEqual(['fileReference', 'invoke', 'on']);
    expect(typeof bridge.invoke).toBe('function');
    expect(typeof bridge.on).toBe('function');
    expect(Object.values(bridge)).not.toContain(ipcRenderer);
  });
});

describe('invoke', () => {
  it('round-trips app:info through IPC to main and back', async () => {
    const reply = await bridge.invoke('app:info', {});
    expect(reply).toEqual({ ok: true, value: expect.objectContaining({ name: '2-Way Inbox', mode: 'electron' }) });
    expect(fake.rendererInvocations).toEqual([{ channel: INVOKE_IPC_CHANNEL, args: ['app:info', {}] }]);
  });

  it.each(['fs:read', 'inbox:invoke', '__proto__', 'constructor', ''])(
    'refuses the unknown channel %j without sending anything',
    async (channel) => {
      // A page script is not held to the types; it can pass any string.
      const reply = await (bridge.invoke as (channel: string, input: unknown) => Promise<unknown>)(channel, {});
      expect(reply).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
      expect(fake.rendererInvocations).toEqual([]);
    },
  );

  it('turns a failed IPC call into an INTERNAL error value instead of a rejection', async () => {
    fake.ipcHandlers.clear();
    expect(await bridge.invoke('app:info', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL', retryable: true } });
  });
});

describe('on', () => {
  it('delivers only the named event, only its payload, until unsubscribed', () => {
    const received: unknown[] = [];
    const unsubscribe = bridge.on('app:notice', (payload) => received.push(payload));
    const notice = { level: 'info', message: 'Synced' };
    const ipcEvent = { sender: ipcRenderer };
    ipcRenderer.emit(EVENT_IPC_CHANNEL, ipcEvent, { event: 'app:notice', payload: notice });
    ipcRenderer.emit(EVENT_IPC_CHANNEL, ipcEvent, { event: 'sync:status', payload: { state: 'idle' } });
    ipcRenderer.emit(EVENT_IPC_CHANNEL, ipcEvent, 'not an envelope');
    expect(received).toEqual([notice]);

    unsubscribe();
    expect(ipcRenderer.listenerCount(EVENT_IPC_CHANNEL)).toBe(0);
    ipcRenderer.emit(EVENT_IPC_CHANNEL, ipcEvent, { event: 'app:notice', payload: notice });
    expect(received).toHaveLength(1);
  });

  it('refuses an unknown event name without listening', () => {
    const on = bridge.on as (event: string, listener: () => void) => () => void;
    expect(() => on('ipc:anything', () => {})).toThrow(/No such event/);
    expect(ipcRenderer.listenerCount(EVENT_IPC_CHANNEL)).toBe(0);
  });
});

describe('fileReference', () => {
  it('registers a dropped file with main and answers the reference main gave, never the path', async () => {
    const dropped = new File(['png bytes'], 'receipt.png', { type: 'image/png' });
    fake.filePaths.set(dropped, '/home/agent/Pictures/receipt.png');
    const reply = await bridge.fileReference(dropped);
    if (!reply.ok) throw new Error(reply.error.message);
    expect(reply.value).toMatch(/^picked:[0-9a-f-]{36}$/);
    expect(pickedFiles.resolve(reply.value)).toBe('/home/agent/Pictures/receipt.png');
    expect(fake.rendererInvocations).toEqual([{ channel: PICKED_FILE_IPC_CHANNEL, args: ['/home/agent/Pictures/receipt.png'] }]);
  });

  it('registers files only for our own page, and only full paths', async () => {
    const iframe = fake.windows[0]?.webContents.childFrame('app://inbox/index.html') ?? null;
    expect(await invokeFromFrame(iframe, PICKED_FILE_IPC_CHANNEL, '/etc/passwd')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_CALLER' } });
    const own = fake.windows[0]?.webContents.mainFrame ?? null;
    expect(await invokeFromFrame(own, PICKED_FILE_IPC_CHANNEL, 'relative/file.png')).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await invokeFromFrame(own, PICKED_FILE_IPC_CHANNEL, { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('refuses a file with no path on disk (made by the page, or dragged out of a web page) as an error value', async () => {
    const made = new File(['x'], 'generated.txt');
    expect(await bridge.fileReference(made)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });
});
