/**
 * How the Administration area words what went wrong, and its rule that writes need the network: a change made
 * offline is refused at once rather than queued, since the agent would otherwise believe it was saved.
 */
import { fail, type InboxError, type Result } from '../../../common/result';
import { describeError } from '../../lib/error-words';

export const OFFLINE_REFUSAL = 'You are offline, so nothing was changed. Connect to the network and try again.';

/** One sentence about a failed administration call, with the service's reason where it gave one. */
export function describeAdminError(error: InboxError): string {
  switch (error.code) {
    case 'FORBIDDEN':
      return 'Your account may not do this.';
    case 'NOT_FOUND':
    case 'GONE':
      return 'It is already gone: it was removed, perhaps by someone else. The list shows what is left.';
    case 'VALIDATION':
    case 'CONFLICT':
      return `The service refused it: ${error.message}`;
    case 'NETWORK':
      return error.message === OFFLINE_REFUSAL ? OFFLINE_REFUSAL : `${describeError(error)} Nothing was changed.`;
    default:
      return describeError(error);
  }
}

/** Whether the error means the item is no longer on the service, so the list should be read again. */
export function isGone(error: InboxError): boolean {
  return error.code === 'NOT_FOUND' || error.code === 'GONE';
}

/** Runs a write only while the system says it is online; offline it fails with words that say nothing was sent. */
export function whenOnline<T>(write: () => Promise<Result<T>>): Promise<Result<T>> {
  if (!navigator.onLine) return Promise.resolve(fail('NETWORK', OFFLINE_REFUSAL));
  return write();
}

/** What a section's state holds of a form being saved: read and written by `saveFormAndReload`. */
export interface SavingForm {
  form: unknown;
  saving: boolean;
  saveError: InboxError | undefined;
  readonly list: { reload(): Promise<unknown> };
}

/**
 * Sends a checked form's request (refused offline), and on success closes the form and reloads the list; a refusal
 * stays on the form as `saveError`, and one saying the item is gone reloads the list too. Answers whether it saved.
 */
export async function saveFormAndReload(state: SavingForm, send: () => Promise<Result<unknown>>): Promise<boolean> {
  state.saving = true;
  const answer = await whenOnline(send);
  state.saving = false;
  if (!answer.ok) {
    state.saveError = answer.error;
    if (isGone(answer.error)) void state.list.reload();
    return false;
  }
  state.form = undefined;
  await state.list.reload();
  return true;
}

/** The first message per field of a schema's issues: what the form shows next to each field. */
export function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return errors;
}
