/**
 * The agent's session: signs in with email and password, keeps the token in this process's memory only, renews it
 * before it expires (by the server's clock, read from its `Date` header), and after a 401 signs in again exactly
 * once for every request waiting on it. Every API call of the app goes through `session.call`.
 */
import { DEFAULT_BASE_URL } from '../../common/api-decisions';
import type { SessionProfile, SessionStatus, SignInRequest } from '../../common/contract/session';
import { fail, ok, type Result } from '../../common/result';
import { ApiClient, type Api, type Authenticator, type UntypedCallArgs } from '../api/client';
import type { CallArgsTuple, CallResult, OperationId } from '../api/operations';
import { systemClock, type Clock, type RetryPolicy } from '../api/retry';
import { createTransport } from '../api/transport';
import { vaultAccount, type CredentialVault } from '../vault/vault';
import { parseBaseUrl } from './base-url';
import { readSessionPrefs, writeSessionPrefs } from './prefs';

export interface SessionOptions {
  vault: CredentialVault;
  /** Where the last account (email and address) is remembered; without it nothing is (command line, tests). */
  prefsPath?: string;
  clock?: Clock;
  connectTimeoutMs?: number;
  responseTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Sign in again this long before the token expires (at most half the token's lifetime). */
  renewBeforeExpirySeconds?: number;
  /** Problems worth a log line that do not fail the sign-in (the vault could not save the password). */
  onWarning?: (message: string) => void;
}

export interface SignInOptions {
  /** Save the password in the vault and the account in the prefs file (false for the sandbox's demo account). */
  remember?: boolean;
  /** The built-in sandbox's demo account ("Try it"): the only session shown as the sandbox. */
  sandboxTrial?: boolean;
}

interface Credentials {
  email: string;
  password: string;
  baseUrl: string;
  remember: boolean;
  sandboxTrial: boolean;
}

interface Token {
  value: string;
  /** Server time, in ms, when the token stops working, and when to replace it. */
  expiresAtMs: number;
  renewAtMs: number;
}

const DEFAULT_RENEW_BEFORE_EXPIRY_SECONDS = 120;
const NOT_SIGNED_IN = 'Not signed in';

export class Session implements Api {
  readonly #options: SessionOptions;
  readonly #clock: Clock;
  readonly #transport = createTransport();
  readonly #listeners = new Set<(status: SessionStatus) => void>();
  #status: SessionStatus = { state: 'signed-out' };
  #credentials: Credentials | undefined;
  #client: ApiClient | undefined;
  #token: Token | undefined;
  #renewal: Promise<Result<string>> | undefined;
  #restoring: Promise<SessionStatus> | undefined;
  /** Changes whenever the account changes or signs out, so late answers for the old one are dropped. */
  #generation = 0;
  #lastGeneration = 0;
  /** Bumped by every sign-in and sign-out, so only the newest sign-in attempt may take effect. */
  #signInAttempt = 0;

  constructor(options: SessionOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
  }

  status(): SessionStatus {
    return this.#status;
  }

  /**
   * The account whose credentials calls use right now: set once a sign-in succeeded or a saved password was found
   * at start (even while the service cannot be reached), undefined when signed out. A sign-in still being checked
   * does not replace it, so data of an account whose password is wrong is never opened.
   */
  account(): { email: string; baseUrl: string } | undefined {
    const credentials = this.#credentials;
    return credentials ? { email: credentials.email, baseUrl: credentials.baseUrl } : undefined;
  }

  onChange(listener: (status: SessionStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The signed-in service's clock minus ours, as its client last measured it; each account's service has its own. */
  serverClockOffsetMs(): number | undefined {
    return this.#client?.serverClockOffsetMs();
  }

  call<Id extends OperationId>(id: Id, ...args: CallArgsTuple<Id>): Promise<Result<CallResult<Id>>>;
  call(id: OperationId, args: UntypedCallArgs = {}): Promise<Result<unknown>> {
    return this.callUntyped(id, args);
  }

  async callUntyped(id: OperationId, args: UntypedCallArgs): Promise<Result<unknown>> {
    // A call made while the saved account is being looked up at start waits for it rather than failing.
    if (!this.#client && this.#restoring) await this.#restoring;
    const client = this.#client;
    if (!client) return fail('UNAUTHENTICATED', NOT_SIGNED_IN);
    return client.callUntyped(id, args);
  }

  /** Signs in to an account, replacing the current one only when the new one works. */
  async signIn(request: SignInRequest, options: SignInOptions = {}): Promise<Result<SessionProfile>> {
    const baseUrl = parseBaseUrl(request.baseUrl ?? DEFAULT_BASE_URL);
    if (!baseUrl.ok) return baseUrl;
    const credentials: Credentials = {
      email: request.email.trim(),
      password: request.password,
      baseUrl: baseUrl.value,
      remember: options.remember ?? true,
      sandboxTrial: options.sandboxTrial ?? false,
    };
    const attempt = ++this.#signInAttempt;
    const before = this.#status;
    this.#setStatus({ state: 'signing-in', email: credentials.email, baseUrl: credentials.baseUrl });

    const generation = ++this.#lastGeneration;
    const client = this.#newClient(credentials.baseUrl, generation);
    const token = await this.#requestToken(client, credentials);
    if (attempt !== this.#signInAttempt) {
      client.close();
      return fail('CANCELLED', 'A newer sign-in or a sign-out replaced this one');
    }
    if (!token.ok) {
      client.close();
      this.#setStatus(
        before.state === 'signed-in' || before.state === 'error'
          ? before
          : { state: 'signed-out', reason: token.error.message, ...this.#lastAccountOf(before) },
      );
      return token;
    }
    this.#adopt(credentials, client, generation, token.value);
    this.#setStatus({ state: 'signed-in', ...profileOf(credentials) });
    if (credentials.remember) await this.#remember(credentials);
    return ok(profileOf(credentials));
  }

  /** Signs in again at start with the last account and the password the vault kept, if any. */
  restore(): Promise<SessionStatus> {
    this.#restoring ??= this.#restore().finally(() => {
      this.#restoring = undefined;
    });
    return this.#restoring;
  }

  async #restore(): Promise<SessionStatus> {
    if (!this.#options.prefsPath || this.#credentials) return this.#status;
    const { lastAccount } = await readSessionPrefs(this.#options.prefsPath);
    if (!lastAccount) return this.#status;
    const baseUrl = parseBaseUrl(lastAccount.baseUrl);
    if (!baseUrl.ok) return this.#status;
    const account = { email: lastAccount.email, baseUrl: baseUrl.value };
    const secret = await this.#options.vault.get(vaultAccount(account.email, account.baseUrl));
    if (this.#credentials || this.#status.state === 'signing-in') return this.#status;
    if (!secret.ok) {
      this.#setStatus({ state: 'signed-out', reason: `The saved password could not be read: ${secret.error.message}`, lastAccount: account });
      return this.#status;
    }
    if (secret.value === null) {
      this.#setStatus({ state: 'signed-out', lastAccount: account });
      return this.#status;
    }
    const generation = ++this.#lastGeneration;
    this.#adopt({ ...account, password: secret.value, remember: true, sandboxTrial: false }, this.#newClient(account.baseUrl, generation), generation, undefined);
    this.#setStatus({ state: 'signing-in', ...account });
    // Calls made meanwhile wait on this same sign-in.
    await this.#renew();
    return this.#status;
  }

  /** Forgets the token and the saved password; `reason` says why when the app, not the agent, decided it. */
  async signOut(reason?: string): Promise<SessionStatus> {
    const credentials = this.#credentials;
    this.#signInAttempt += 1;
    this.#drop();
    if (credentials?.remember) {
      const deleted = await this.#options.vault.delete(vaultAccount(credentials.email, credentials.baseUrl));
      if (!deleted.ok) this.#options.onWarning?.(`The saved password could not be removed: ${deleted.error.message}`);
    }
    const lastAccount = credentials?.remember ? { email: credentials.email, baseUrl: credentials.baseUrl } : undefined;
    this.#setStatus({
      state: 'signed-out',
      ...(reason !== undefined ? { reason } : {}),
      ...(lastAccount ? { lastAccount } : {}),
    });
    return this.#status;
  }

  /** Stops using the network; the saved password stays for the next start. */
  close(): void {
    this.#signInAttempt += 1;
    this.#drop();
    this.#transport.close();
  }

  // ---- tokens ------------------------------------------------------------------------------------------------

  #authenticatorFor(generation: number): Authenticator {
    // A client of an account that was replaced meanwhile must never receive the new account's token.
    const stale = () => generation !== this.#generation;
    return {
      currentToken: () => (stale() ? Promise.resolve(fail('UNAUTHENTICATED', NOT_SIGNED_IN)) : this.#currentToken()),
      renewAfterRejection: (rejected) =>
        stale() ? Promise.resolve(fail('UNAUTHENTICATED', NOT_SIGNED_IN)) : this.#renewAfterRejection(rejected),
    };
  }

  async #currentToken(): Promise<Result<string>> {
    const token = this.#token;
    if (token && this.#serverNow() < token.renewAtMs) return ok(token.value);
    const renewed = await this.#renew();
    if (renewed.ok) return renewed;
    // Renewing early failed (offline?): a token that has not expired yet still does its job.
    const stillValid = token && this.#token === token && this.#serverNow() < token.expiresAtMs;
    return stillValid && renewed.error.code !== 'UNAUTHENTICATED' ? ok(token.value) : renewed;
  }

  async #renewAfterRejection(rejected: string): Promise<Result<string>> {
    // Someone else already replaced the refused token: use theirs instead of signing in again.
    if (this.#token && this.#token.value !== rejected) return ok(this.#token.value);
    return this.#renew();
  }

  /** One sign-in at a time, shared by everyone who needs a token while it runs. */
  #renew(): Promise<Result<string>> {
    if (this.#renewal) return this.#renewal;
    const renewal = this.#signInAgain().finally(() => {
      if (this.#renewal === renewal) this.#renewal = undefined;
    });
    this.#renewal = renewal;
    return renewal;
  }

  async #signInAgain(): Promise<Result<string>> {
    const credentials = this.#credentials;
    const client = this.#client;
    if (!credentials || !client) return fail('UNAUTHENTICATED', NOT_SIGNED_IN);
    const generation = this.#generation;
    const token = await this.#requestToken(client, credentials);
    if (generation !== this.#generation) return fail('UNAUTHENTICATED', NOT_SIGNED_IN);
    if (token.ok) {
      this.#token = token.value;
      if (this.#status.state !== 'signed-in') this.#setStatus({ state: 'signed-in', ...profileOf(credentials) });
      return ok(token.value.value);
    }
    if (token.error.code === 'UNAUTHENTICATED') {
      const reason = `The service no longer accepts the password for ${credentials.email}: ${token.error.message}`;
      await this.signOut(reason);
      return fail('UNAUTHENTICATED', reason);
    }
    if (this.#status.state === 'signing-in' || this.#status.state === 'error') {
      this.#setStatus({ state: 'error', email: credentials.email, baseUrl: credentials.baseUrl, error: token.error });
    }
    return token;
  }

  async #requestToken(client: ApiClient, credentials: Credentials): Promise<Result<Token>> {
    const answer = await client.call('auth.login', { body: { email: credentials.email, password: credentials.password } });
    if (!answer.ok) return answer;
    const expiresAtMs = answer.value.expires_at * 1000;
    // By the clock of the service that issued it: the one this client talks to, perhaps not the current account's.
    const lifetimeMs = Math.max(0, expiresAtMs - serverNow(this.#clock, client));
    const renewBeforeMs = (this.#options.renewBeforeExpirySeconds ?? DEFAULT_RENEW_BEFORE_EXPIRY_SECONDS) * 1000;
    return ok({ value: answer.value.token, expiresAtMs, renewAtMs: expiresAtMs - Math.min(renewBeforeMs, lifetimeMs / 2) });
  }

  #serverNow(): number {
    return this.#client ? serverNow(this.#clock, this.#client) : this.#clock.now();
  }

  // ---- accounts ----------------------------------------------------------------------------------------------

  #newClient(baseUrl: string, generation: number): ApiClient {
    return new ApiClient({
      baseUrl,
      authenticator: this.#authenticatorFor(generation),
      transport: this.#transport,
      clock: this.#clock,
      ...(this.#options.connectTimeoutMs !== undefined ? { connectTimeoutMs: this.#options.connectTimeoutMs } : {}),
      ...(this.#options.responseTimeoutMs !== undefined ? { responseTimeoutMs: this.#options.responseTimeoutMs } : {}),
      ...(this.#options.retry ? { retry: this.#options.retry } : {}),
    });
  }

  #adopt(credentials: Credentials, client: ApiClient, generation: number, token: Token | undefined): void {
    this.#client?.close();
    this.#generation = generation;
    this.#credentials = credentials;
    this.#client = client;
    this.#token = token;
    this.#renewal = undefined;
  }

  #drop(): void {
    this.#generation = ++this.#lastGeneration;
    this.#client?.close();
    this.#client = undefined;
    this.#credentials = undefined;
    this.#token = undefined;
    this.#renewal = undefined;
  }

  async #remember(credentials: Credentials): Promise<void> {
    const saved = await this.#options.vault.set(vaultAccount(credentials.email, credentials.baseUrl), credentials.password);
    if (!saved.ok) this.#options.onWarning?.(`The password could not be saved: ${saved.error.message}`);
    if (!this.#options.prefsPath) return;
    try {
      await writeSessionPrefs(this.#options.prefsPath, { lastAccount: { email: credentials.email, baseUrl: credentials.baseUrl } });
    } catch (error) {
      this.#options.onWarning?.(`The account could not be remembered: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  #lastAccountOf(status: SessionStatus): { lastAccount?: { email: string; baseUrl: string } } {
    return status.state === 'signed-out' && status.lastAccount ? { lastAccount: status.lastAccount } : {};
  }

  #setStatus(status: SessionStatus): void {
    this.#status = status;
    for (const listener of this.#listeners) listener(status);
  }
}

function profileOf(credentials: Credentials): SessionProfile {
  return { email: credentials.email, baseUrl: credentials.baseUrl, isSandbox: credentials.sandboxTrial };
}

/** Now by the clock of `client`'s service, as it last measured it; ours until it has answered. */
function serverNow(clock: Clock, client: ApiClient): number {
  return clock.now() + (client.serverClockOffsetMs() ?? 0);
}
