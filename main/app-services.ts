/**
 * Builds main's services and the handler table over them. Both the Electron shell and browser mode's host call
 * this, so the two transports run the very same code behind the contract.
 */
import { ok } from '../common/result';
import type { HandlerTable } from './ipc/handler-table';
import { EventBus } from './ipc/event-bus';
import { productInfo } from './product-info';

export interface AppServicesOptions {
  mode: 'electron' | 'browser';
  /** The cache, preferences and safeStorage file live here; without it everything stays in memory (tests). */
  userDataDir?: string;
}

export interface AppServices {
  readonly handlers: HandlerTable;
  readonly events: EventBus;
  close(): Promise<void>;
}

export async function createAppServices(options: AppServicesOptions): Promise<AppServices> {
  const events = new EventBus();
  const handlers: HandlerTable = {
    'app:info': () =>
      ok({ name: productInfo.productName, version: productInfo.version, mode: options.mode, platform: process.platform }),
  };
  return {
    handlers,
    events,
    close: async () => {},
  };
}
