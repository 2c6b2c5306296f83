/**
 * The preload (bundled to one sandbox-compatible CommonJS file): builds `window.inbox` from the contract (plus a
 * reference to a file the agent picked or dropped, whose path only the preload can see) and exposes nothing else. Names outside the contract are refused here, before anything reaches main, and the
 * renderer never sees ipcRenderer or an IPC event object (whose `sender` is ipcRenderer itself).
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import {
  EVENT_IPC_CHANNEL,
  INVOKE_IPC_CHANNEL,
  isChannelName,
  isEventName,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
  type EventName,
  type EventPayload,
  type InboxBridge,
  type PickedFile,
} from '../common/contract';
import { PICKED_FILE_IPC_CHANNEL } from '../common/contract/media';
import { fail, type Result } from '../common/result';

function isReferenceReply(reply: unknown): reply is Result<string> {
  if (typeof reply !== 'object' || reply === null || !('ok' in reply)) return false;
  if (reply.ok === true) return 'value' in reply && typeof reply.value === 'string';
  return reply.ok === false && 'error' in reply && typeof reply.error === 'object' && reply.error !== null;
}

export function createPreloadBridge(): InboxBridge {
  return {
    async invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
      if (!isChannelName(channel)) return fail('UNKNOWN_CHANNEL', `No such channel: ${String(channel)}`);
      try {
        // Main parsed the value against the channel's output schema before replying.
        return (await ipcRenderer.invoke(INVOKE_IPC_CHANNEL, channel, input)) as Result<ChannelOutput<C>>;
      } catch {
        return fail('INTERNAL', `${channel} could not reach the app`, { retryable: true });
      }
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      if (!isEventName(event)) throw new TypeError(`No such event: ${String(event)}`);
      const forward = (_ipcEvent: unknown, message: unknown) => {
        if (typeof message !== 'object' || message === null || !('event' in message) || !('payload' in message)) return;
        if (message.event === event) listener(message.payload as EventPayload<E>);
      };
      ipcRenderer.on(EVENT_IPC_CHANNEL, forward);
      return () => {
        ipcRenderer.removeListener(EVENT_IPC_CHANNEL, forward);
      };
    },
    async fileReference(file: PickedFile): Promise<Result<string>> {
      let path = '';
      try {
        path = webUtils.getPathForFile(file);
      } catch {
        // Not a File at all (a page script can pass anything): answered below like a file with no path.
      }
      // A file with no path on disk was made by the page or dragged out of another web page, not from a folder.
      if (path === '') return fail('BAD_INPUT', 'Only files from your computer can be sent; save this one to a folder first.');
      // Main accepts only references it handed out, so the page never names a path itself.
      try {
        const reply: unknown = await ipcRenderer.invoke(PICKED_FILE_IPC_CHANNEL, path);
        return isReferenceReply(reply) ? reply : fail('INTERNAL', 'The app answered the file outside the contract');
      } catch {
        return fail('INTERNAL', 'The file could not reach the app', { retryable: true });
      }
    },
  };
}

contextBridge.exposeInMainWorld('inbox', createPreloadBridge());
