/**
 * The session's words: why signing in failed, where the password will be kept, and what removing the account's data
 * from this computer would throw away.
 */
import type { VaultStatus } from '../../../common/contract/vault';
import type { InboxError } from '../../../common/result';
import { describeError } from '../../lib/error-words';
import type { WaitingSends } from './session-state.svelte';

/** Sign-in failures in the words of someone at a sign-in form; anything else as everywhere in the app. */
export function describeSignInError(error: InboxError, action: 'sign-in' | 'sandbox'): string {
  if (action === 'sandbox' && error.code === 'INTERNAL') return `The built-in sandbox could not start: ${error.message}`;
  switch (error.code) {
    case 'UNAUTHENTICATED':
      return 'Wrong email or password.';
    case 'NETWORK':
      return "Can't reach the service. Check your connection and the service URL under Advanced.";
    case 'TIMEOUT':
      return 'The service took too long to answer. Try again in a moment.';
    case 'FORBIDDEN':
      return 'This account is not allowed to sign in here.';
    case 'SERVER':
    case 'UPSTREAM':
      return 'The service is having trouble right now. Try again in a moment.';
    case 'BAD_RESPONSE':
      return "That address answers, but not like the 2-Way service. Check the service URL under Advanced.";
    case 'VALIDATION':
    case 'BAD_INPUT':
      // Main's message names what is wrong with the field ("The address must start with https://").
      return error.field === 'baseUrl' ? `Service URL: ${error.message}` : error.message;
    default:
      return describeError(error);
  }
}

/** Where the password goes when signing in. */
export function describeVault(vault: VaultStatus): string {
  return {
    keychain: "Your password will be kept in this computer's keychain.",
    'safe-storage': 'Your password will be kept in an encrypted file on this computer.',
    memory: "Your password will be kept only for this session; you'll sign in again next time.",
  }[vault.backend];
}

/** The unsent messages that removing the account's data would throw away, as the confirmation lists them. */
export function describeWaitingSends(waiting: WaitingSends): string {
  switch (waiting.state) {
    case 'counting':
      return 'Messages waiting to be sent from this computer (counting…)';
    case 'not-counted':
      return `Messages still waiting to be sent from this computer: the app could not count them. ${describeError(waiting.error)}`;
    case 'counted': {
      if (waiting.count === 0) return 'Messages waiting to be sent from this computer (none right now)';
      const howMany = waiting.capped ? `${waiting.count} or more messages` : waiting.count === 1 ? '1 message' : `${waiting.count} messages`;
      return `${howMany} still waiting to be sent from this computer: they will never be sent`;
    }
  }
}
