/**
 * "Try it without an account": starts the embedded sandbox in this process, signs in to its demo account without
 * saving anything, and stops the sandbox again once the session leaves it (sign-out, or another account).
 */
import type { SessionProfile } from '../../common/contract/session';
import { fail, type Result } from '../../common/result';
import { parseBaseUrl } from './base-url';
import type { Session } from './session';

export interface SandboxHandle {
  baseUrl: string;
  accounts: ReadonlyArray<{ email: string; password: string }>;
  close(): Promise<void>;
}

export type StartSandbox = () => Promise<SandboxHandle>;

export class SandboxTrial {
  readonly #session: Session;
  readonly #start: StartSandbox;
  #running: Promise<SandboxHandle> | undefined;
  /** The running sandbox's address, once it answers. */
  #baseUrl: string | undefined;
  #stopListening: () => void;

  constructor(session: Session, start: StartSandbox) {
    this.#session = session;
    this.#start = start;
    this.#stopListening = session.onChange((status) => {
      void this.#running?.then((sandbox) => {
        const left = status.state === 'signed-out' || (status.state === 'signed-in' && status.baseUrl !== sandbox.baseUrl);
        if (left) void this.#stop();
      });
    });
  }

  async start(): Promise<Result<SessionProfile>> {
    const running = (this.#running ??= this.#start());
    let sandbox: SandboxHandle;
    try {
      sandbox = await running;
    } catch (error) {
      if (this.#running === running) this.#running = undefined;
      return fail('INTERNAL', `The sandbox could not start: ${error instanceof Error ? error.message : String(error)}`);
    }
    const baseUrl = parseBaseUrl(sandbox.baseUrl);
    // The session keeps the address in its normal form; the trial compares in the same form.
    this.#baseUrl = baseUrl.ok ? baseUrl.value : sandbox.baseUrl;
    const account = sandbox.accounts[0];
    if (!account) return fail('INTERNAL', 'The sandbox has no account to sign in with');
    return this.#session.signIn({ ...account, baseUrl: sandbox.baseUrl }, { remember: false, sandboxTrial: true });
  }

  /** Whether `baseUrl` is this trial's sandbox (while it runs): its data is demo data, thrown away with it. */
  runsAt(baseUrl: string): boolean {
    return this.#baseUrl !== undefined && this.#baseUrl === baseUrl;
  }

  async close(): Promise<void> {
    this.#stopListening();
    await this.#stop();
  }

  async #stop(): Promise<void> {
    const running = this.#running;
    this.#running = undefined;
    this.#baseUrl = undefined;
    if (!running) return;
    try {
      await (await running).close();
    } catch {
      // A sandbox that failed to start or to stop holds nothing worth reporting at this point.
    }
  }
}
