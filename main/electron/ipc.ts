/**
 * The Electron transport for the contract: one invoke channel into the handler table, and contract events out to
 * the window. Every call is checked to come from our own page's top-level frame, so a frame that is not ours (were
 * one ever to load) cannot reach main.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { EVENT_IPC_CHANNEL, INVOKE_IPC_CHANNEL } from '../../common/contract';
import { PICKED_FILE_IPC_CHANNEL } from '../../common/contract/media';
import { fail, ok } from '../../common/result';
import type { EventBus } from '../ipc/event-bus';
import type { Dispatch } from '../ipc/handler-table';
import type { PickedFiles } from '../media/picked-files';
import { isAppUrl } from './protocols';

export function registerInvokeHandler(dispatch: Dispatch): void {
  ipcMain.handle(INVOKE_IPC_CHANNEL, (event, channel: unknown, input: unknown) =>
    isOwnTopLevelPage(event)
      ? dispatch(channel, input)
      : fail('FORBIDDEN_CALLER', 'Only the 2-Way Inbox page may call the app'),
  );
}

/** The preload's channel registering a file the agent picked or dropped (main/media/picked-files.ts). */
export function registerPickedFileHandler(picked: PickedFiles): void {
  ipcMain.handle(PICKED_FILE_IPC_CHANNEL, (event, path: unknown) => {
    if (!isOwnTopLevelPage(event)) return fail('FORBIDDEN_CALLER', 'Only the 2-Way Inbox page may hand the app a file');
    const reference = typeof path === 'string' ? picked.register(path) : undefined;
    return reference === undefined ? fail('BAD_INPUT', 'Expected the full path of a picked or dropped file') : ok(reference);
  });
}

export function isOwnTopLevelPage(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

/** Sends every contract event to the window until it closes. */
export function forwardEvents(events: EventBus, window: BrowserWindow): void {
  const unsubscribe = events.subscribe((event, payload) => {
    if (!window.isDestroyed()) window.webContents.send(EVENT_IPC_CHANNEL, { event, payload });
  });
  window.on('closed', unsubscribe);
}
