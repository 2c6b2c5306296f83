/**
 * The sandbox's public entry: `startSandbox(options)` runs the whole 2-Way Messaging Service on 127.0.0.1 with
 * demo data, for tests, for the app's "try it without an account", and behind `npm run sandbox`.
 */
import { SandboxController, type StoredMessage } from './controller';
import type { FaultSpec, SandboxOptions } from './options';
import type { RequestLogEntry } from './runtime';

export { DEMO_ACCOUNT, type FaultSpec, type LifeOptions, type SandboxOptions } from './options';
export { OPTED_OUT_REASON } from './api-error';
export type { RequestLogEntry } from './runtime';

export interface RunningSandbox {
  baseUrl: string;
  accounts: { email: string; password: string }[];
  addFault(fault: FaultSpec): string;
  removeFault(id: string): void;
  clearFaults(): void;
  /** Every token issued so far answers 401 from now on. */
  expireTokens(): void;
  injectInbound(input: { email?: string; customer: string; text: string; channelType?: string }): Promise<{ message_id: string }>;
  requestLog(): RequestLogEntry[];
  /** Every message stored for the account's enterprise (for tests counting duplicates). */
  messages(email?: string): StoredMessage[];
  /** Reseed (synchronously), optionally with other options. */
  reset(options?: Partial<SandboxOptions>): void;
  /** Move the sandbox's clock forward (token expiry, WhatsApp template edit limits). */
  advanceClock(ms: number): void;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const controller = await SandboxController.start(options);
  return {
    baseUrl: controller.baseUrl,
    get accounts() {
      return controller.accounts;
    },
    addFault: (fault) => controller.addFault(fault),
    removeFault: (id) => {
      controller.removeFault(id);
    },
    clearFaults: () => controller.clearFaults(),
    expireTokens: () => controller.expireTokens(),
    injectInbound: (input) => controller.injectInbound(input),
    requestLog: () => controller.requestLog(),
    messages: (email) => controller.messages(email),
    reset: (changes) => controller.reset(changes),
    advanceClock: (ms) => controller.advanceClock(ms),
    close: () => controller.close(),
  };
}
