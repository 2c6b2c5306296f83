/**
 * The agent's session as the renderer sees it: signed in or not (`session:status`, then `session:changed`), the
 * sign-in, sandbox and sign-out actions (optionally removing the account's data from this computer), and where the
 * password would be kept (`vault:status`). Decides which screen the app shows.
 */
import type { InboxBridge } from '../../../common/contract';
import { maxOutboxListSize } from '../../../common/contract/outbox';
import type { SessionProfile, SessionStatus, SignInRequest } from '../../../common/contract/session';
import type { VaultStatus } from '../../../common/contract/vault';
import type { OutboxState } from '../../../common/domain';
import type { InboxError, Result } from '../../../common/result';

export type SessionAction = 'sign-in' | 'sandbox' | 'sign-out';
/** What failed: one of the agent's actions, or asking main about the session at start. */
export type FailedStep = SessionAction | 'status';
export type SessionScreen = 'loading' | 'sign-in' | 'inbox';

export interface SignedInAccount {
  email: string;
  baseUrl: string;
  isSandbox: boolean;
  /** Set while the app cannot reach the service with this account; the inbox keeps showing what it holds. */
  connectionError: InboxError | undefined;
  /** True while the app signs in again on its own (at start, with the saved password). */
  connecting: boolean;
}

/**
 * The sends this computer still holds, which removing the account's data would throw away. `capped`: the outbox
 * lists at most `maxOutboxListSize` sends, so there may be more than `count`.
 */
export type WaitingSends =
  | { state: 'counting' }
  | { state: 'counted'; count: number; capped: boolean }
  | { state: 'not-counted'; error: InboxError };

const waitingStates: OutboxState[] = ['queued', 'sending', 'failed', 'unknown'];

export class SessionState {
  status = $state.raw<SessionStatus | undefined>(undefined);
  vault = $state.raw<VaultStatus | undefined>(undefined);
  /** What the agent asked for and is still running. */
  pending = $state<SessionAction | undefined>(undefined);
  /** Why the agent's last action failed, and which action it was. */
  error = $state.raw<InboxError | undefined>(undefined);
  failedAction = $state<FailedStep | undefined>(undefined);
  /** Counted when the agent asks to remove the account's data; undefined until then. */
  waitingSends = $state.raw<WaitingSends | undefined>(undefined);

  /**
   * The inbox shows as soon as an account is known, even while the app reconnects or cannot reach the service:
   * the cache answers meanwhile. A sign-in the agent started from the form keeps the form on screen until it ends.
   */
  readonly screen: SessionScreen = $derived.by(() => {
    const status = this.status;
    if (status === undefined) return 'loading';
    if (this.pending === 'sign-in' || this.pending === 'sandbox') return 'sign-in';
    return status.state === 'signed-out' ? 'sign-in' : 'inbox';
  });

  readonly account: SignedInAccount | undefined = $derived.by(() => {
    const status = this.status;
    if (status === undefined || status.state === 'signed-out') return undefined;
    return {
      email: status.email,
      baseUrl: status.baseUrl,
      isSandbox: status.state === 'signed-in' && status.isSandbox,
      connectionError: status.state === 'error' ? status.error : undefined,
      connecting: status.state === 'signing-in',
    };
  });

  /** The account to suggest on the sign-in form. */
  readonly lastAccount = $derived(this.status?.state === 'signed-out' ? this.status.lastAccount : undefined);
  /** Why the app signed out on its own, if it did. */
  readonly signedOutReason = $derived(this.status?.state === 'signed-out' ? this.status.reason : undefined);

  constructor(private readonly bridge: InboxBridge) {}

  listen(): () => void {
    return this.bridge.on('session:changed', (status) => {
      this.status = status;
    });
  }

  async load(): Promise<void> {
    const [status, vault] = await Promise.all([
      this.bridge.invoke('session:status', {}),
      this.bridge.invoke('vault:status', {}),
    ]);
    if (vault.ok) this.vault = vault.value;
    if (status.ok) {
      this.status ??= status.value;
    } else {
      this.status ??= { state: 'signed-out' };
      this.#failed('status', status.error);
    }
  }

  async signIn(request: SignInRequest): Promise<void> {
    await this.#run('sign-in', () => this.bridge.invoke('session:sign-in', request));
  }

  /** Starts the built-in sandbox and signs in to its demo account: the one click a new user needs. */
  async trySandbox(): Promise<void> {
    await this.#run('sandbox', () => this.bridge.invoke('session:try-sandbox', {}));
  }

  /** `forget` also removes the account's cache, media and unsent messages from this computer. */
  async signOut(options: { forget?: boolean } = {}): Promise<void> {
    if (this.pending !== undefined) return;
    this.pending = 'sign-out';
    this.clearError();
    const result = await this.bridge.invoke('session:sign-out', options.forget === true ? { forget: true } : {});
    this.pending = undefined;
    if (result.ok) this.status = result.value;
    else this.#failed('sign-out', result.error);
  }

  async countWaitingSends(): Promise<void> {
    this.waitingSends = { state: 'counting' };
    const result = await this.bridge.invoke('outbox:list', { states: waitingStates, limit: maxOutboxListSize });
    this.waitingSends = result.ok
      ? { state: 'counted', count: result.value.length, capped: result.value.length >= maxOutboxListSize }
      : { state: 'not-counted', error: result.error };
  }

  async #run(action: 'sign-in' | 'sandbox', call: () => Promise<Result<SessionProfile>>): Promise<void> {
    if (this.pending !== undefined) return;
    this.pending = action;
    this.clearError();
    const result = await call();
    if (result.ok) this.status = { state: 'signed-in', ...result.value };
    else {
      this.#failed(action, result.error);
      // Browser mode's events trail the answer: until main's "signed out" arrives, the status still says signing
      // in, and dropping `pending` would swap the form (and what was typed) for the inbox. Ask main where it stands.
      const status = await this.bridge.invoke('session:status', {});
      if (status.ok) this.status = status.value;
    }
    this.pending = undefined;
  }

  #failed(action: FailedStep, error: InboxError): void {
    this.error = error;
    this.failedAction = action;
  }

  /** Forgets the last failure once the agent dismissed it (or started over). */
  clearError(): void {
    this.error = undefined;
    this.failedAction = undefined;
  }
}
