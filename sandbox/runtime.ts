/**
 * The state one running sandbox shares between its routes, its simulated customers and its control API.
 */
import type { Clock } from './clock';
import type { FaultTable } from './faults';
import type { ResolvedOptions } from './options';
import type { Random } from './random';
import type { Scheduler } from './scheduler';
import type { Channel, Message, WaTemplateView } from './model';
import type { Enterprise, Store } from './store';

export interface RequestLogEntry {
  method: string;
  /** The path without the query string. */
  path: string;
  /** The full URL path with its query string. */
  url: string;
  /** 0 when the connection was reset without an answer. */
  status: number;
  at: number;
  /** The injected fault kinds that shaped this answer, if any. */
  faults?: string[];
  /** The JSON body the client sent, so tests can check it against the reference; never kept for sign-in (a password). */
  body?: unknown;
}

export interface SandboxRuntime {
  options: ResolvedOptions;
  store: Store;
  clock: Clock;
  /** Ids and other draws made while serving requests (deterministic for a given seed and request sequence). */
  random: Random;
  faults: FaultTable;
  scheduler: Scheduler;
  requestLog: RequestLogEntry[];
  secret: string;
  /** Serial number of the next token; tokens below `firstValidToken` answer 401 (expireTokens). */
  tokens: { next: number; firstValidToken: number };
  baseUrl: string;
  /** Called for every message the sandbox sends to a customer; life uses it to move statuses and answer. */
  onOutbound: ((enterprise: Enterprise, channel: Channel, message: Message) => void) | undefined;
  /** Called when a WhatsApp template goes to (simulated) review; life approves it after a while. */
  onTemplateSubmitted: ((template: WaTemplateView) => void) | undefined;
}

export function newId(runtime: SandboxRuntime): string {
  return runtime.random.uuid();
}

export function nowIso(runtime: SandboxRuntime): string {
  return runtime.clock.iso();
}

/** Media URLs are the file route `/api/media/{enterprise_id}/{media_id}` (line 3089), the one the API serves. */
export function mediaUrl(runtime: SandboxRuntime, enterprise: Enterprise, mediaId: string, variant?: 'preview' | 'thumbnail'): string {
  return `${runtime.baseUrl}/api/media/${enterprise.id}/${mediaId}${variant === undefined ? '' : `/${variant}`}`;
}
