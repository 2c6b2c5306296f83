/**
 * The renderer's only way to main. In Electron the preload put `window.inbox` there; in browser mode there is no
 * preload, so the same contract is carried over HTTP to the loopback host.
 */
import type { InboxBridge } from '../../common/contract';
import type { MediaMode } from './media';
import { createWebBridge } from './web-bridge';

declare global {
  interface Window {
    inbox?: InboxBridge;
  }
}

/** Which transport carries the contract, and so where media files are served (renderer/lib/media.ts). */
export const inboxMode: MediaMode = window.inbox === undefined ? 'browser' : 'electron';

export const inbox: InboxBridge = window.inbox ?? createWebBridge();
