/**
 * The one IPC contract between the renderer and main: every channel's input and output schema, and every event's
 * payload schema. The preload, the browser-mode bridge and main's handler table are all built from these tables,
 * so a channel exists in all of them or in none. Each feature keeps its channels in its own file beside this one.
 */
import type { z } from 'zod';
import type { Result } from '../result';
import { appChannels, appEvents } from './app';
import { cacheChannels, cacheEvents } from './cache';
import { vaultChannels } from './vault';
import { sessionChannels, sessionEvents } from './session';
import { mediaChannels, mediaEvents } from './media';
import { syncChannels, syncEvents } from './sync';
import { outboxChannels, outboxEvents } from './outbox';
import { conversationChannels } from './conversation';
import { notificationChannels, notificationEvents } from './notifications';
import { adminChannels } from './admin';
import { composeChannels } from './compose';
import { draftsChannels, draftsEvents } from './drafts';
import { updatesChannels, updatesEvents } from './updates';
import { customersChannels } from './customers';
import { sendViaChannels } from './send-via';

export const channels = {
  ...appChannels,
  ...cacheChannels,
  ...vaultChannels,
  ...sessionChannels,
  ...mediaChannels,
  ...syncChannels,
  ...outboxChannels,
  ...conversationChannels,
  ...notificationChannels,
  ...adminChannels,
  ...composeChannels,
  ...draftsChannels,
  ...updatesChannels,
  ...customersChannels,
  ...sendViaChannels,
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const events = {
  ...appEvents,
  ...cacheEvents,
  ...sessionEvents,
  ...mediaEvents,
  ...syncEvents,
  ...outboxEvents,
  ...notificationEvents,
  ...draftsEvents,
  ...updatesEvents,
} as const satisfies Record<string, z.ZodType>;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.infer<Channels[C]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** A file the agent dropped on the window or picked, as the page holds it (a DOM `File`). */
export type PickedFile = Blob & { readonly name: string; readonly lastModified: number };

/** What the renderer sees as `window.inbox`, whether the preload or the browser-mode bridge built it. */
export interface InboxBridge {
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /**
   * What names a dropped or picked file to `media:prepare` and `media:upload`. A page cannot see paths, so in
   * Electron the preload registers the file's path on disk (`webUtils.getPathForFile`) with main and answers its
   * `picked:<id>` reference; in browser mode the bridge streams the bytes to the host's staged-upload route and
   * answers its `staged:<id>` reference.
   */
  fileReference(file: PickedFile): Promise<Result<string>>;
}

/** The name of the preload's IPC channel carrying contract calls to main, as `(channel, input)`. */
export const INVOKE_IPC_CHANNEL = 'inbox:invoke';

/** The name of the preload's IPC channel carrying contract events to the renderer. */
export const EVENT_IPC_CHANNEL = 'inbox:event';
