/**
 * The session as one account's services see it: calls go through only while that very account is the session's,
 * and its status reads "signed out" once another account took over. A call is checked and handed to the session's
 * client in the same tick, so a send queued by one account can never leave with another account's token.
 */
import type { SessionStatus } from '../../common/contract/session';
import { fail, type Result } from '../../common/result';
import type { UntypedCallArgs } from '../api/client';
import type { CallArgsTuple, CallResult, OperationId } from '../api/operations';
import type { Session } from '../session/session';
import type { SessionView } from '../sync/sync-services';
import { sameAccount, type AccountId } from './account-folder';

export class AccountSession implements SessionView {
  readonly #session: Session;
  readonly #account: AccountId;

  constructor(session: Session, account: AccountId) {
    this.#session = session;
    this.#account = account;
  }

  /** Whether the session's calls are made as this account. */
  isCurrent(): boolean {
    const current = this.#session.account();
    return current !== undefined && sameAccount(current, this.#account);
  }

  status(): SessionStatus {
    return this.isCurrent() ? this.#session.status() : { state: 'signed-out' };
  }

  onChange(listener: (status: SessionStatus) => void): () => void {
    return this.#session.onChange(() => listener(this.status()));
  }

  /** This account's service clock minus ours; unknown once another account took over (its service may differ). */
  serverClockOffsetMs(): number | undefined {
    return this.isCurrent() ? this.#session.serverClockOffsetMs() : undefined;
  }

  call<Id extends OperationId>(id: Id, ...args: CallArgsTuple<Id>): Promise<Result<CallResult<Id>>>;
  call(id: OperationId, args: UntypedCallArgs = {}): Promise<Result<unknown>> {
    return this.callUntyped(id, args);
  }

  callUntyped(id: OperationId, args: UntypedCallArgs): Promise<Result<unknown>> {
    // UNAUTHENTICATED makes the outbox keep the send queued (main/outbox/after-failure.ts) for this account's return.
    if (!this.isCurrent()) return Promise.resolve(fail('UNAUTHENTICATED', `${this.#account.email} is no longer signed in`));
    return this.#session.callUntyped(id, args);
  }
}
