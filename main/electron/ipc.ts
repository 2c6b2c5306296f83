/**
 * The Electron transport for the contract: one invoke channel into the handler table, and contract events out to
 * the window. Every call is checked to come from our own page's top-level frame, so a frame that is not ours (were
 * one ever to load) cannot reach main.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { EVENT_IPC_CHANNEL, INVOKE_IPC_CHANNEL } from '../../common/contract';
import { fail } from '../../common/result';
import type { EventBus } from '../ipc/event-bus';
import type { Dispatch } from '../ipc/handler-table';
import { isAppUrl } from './protocols';

export function registerInvokeHandler(dispatch: Dispatch): void {
  ipcMain.handle(INVOKE_IPC_CHANNEL, (event, channel: unknown, input: unknown) =>
    isOwnTopLevelPage(event)
      ? dispatch(channel, input)
      : fail('FORBIDDEN_CALLER', 'Only the 2-Way Inbox page may call the app'),
  );
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
