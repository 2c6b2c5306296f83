/**
 * The keyword events screen's state: the list, the form being filled (new or editing one event), and the event
 * awaiting a confirmed deletion. The form is checked against the contract's own schema before anything is sent, so
 * a limit of the reference is refused next to its field, with no request.
 */
import { keywordEventRequestType } from '../../../common/api-decisions';
import type { InboxBridge } from '../../../common/contract';
import { KeywordEventChange, KeywordEventDraft, ONLY_JOIN_HAS_A_MESSAGE, splitKeywords, type KeywordEvent } from '../../../common/contract/admin';
import type { InboxError, Result } from '../../../common/result';
import { AdminDeletion } from './admin-deletion.svelte';
import { AdminList } from './admin-list.svelte';
import { fieldErrors, saveFormAndReload } from './admin-words';

export type KeywordEventChoice = KeywordEventDraft['event'];

export interface KeywordEventForm {
  /** The event being edited; a new one when absent. */
  editing?: KeywordEvent;
  event: KeywordEventChoice;
  keywords: string;
  message: string;
}

export class KeywordEventsState {
  readonly list: AdminList<KeywordEvent>;
  /** The form as it opened (new, or an event's values); the dialog edits its own copy. */
  form = $state.raw<KeywordEventForm | undefined>(undefined);
  formErrors = $state.raw<Record<string, string>>({});
  saving = $state(false);
  /** The service's refusal of the last save, shown in the form. */
  saveError = $state.raw<InboxError | undefined>(undefined);
  readonly deletion: AdminDeletion<KeywordEvent>;

  constructor(private readonly bridge: InboxBridge) {
    this.list = new AdminList((request) => bridge.invoke('admin:keyword-events', request));
    this.deletion = new AdminDeletion((item) => bridge.invoke('admin:delete-keyword-event', { id: item.id }), () => this.list.reload());
  }

  openNew(): void {
    this.#openForm({ event: 'Join', keywords: '', message: '' });
  }

  openEdit(event: KeywordEvent): void {
    this.#openForm({ editing: event, event: keywordEventRequestType(event.type), keywords: event.keywords.join(', '), message: event.message ?? '' });
  }

  closeForm(): void {
    if (this.saving) return;
    this.form = undefined;
  }

  /** Checks the form, then creates or changes the event; answers whether it was saved (the form then closes). */
  async save(form: KeywordEventForm): Promise<boolean> {
    if (this.form === undefined || this.saving) return false;
    this.saveError = undefined;
    const send = this.#checked(form);
    if (send === undefined) return false;
    return saveFormAndReload(this, send);
  }

  /** The request the form asks for, or undefined with each refused field's reason in `formErrors`. */
  #checked(form: KeywordEventForm): (() => Promise<Result<unknown>>) | undefined {
    const message = form.message.trim();
    const withMessage = message === '' ? {} : { message };
    const keywords = splitKeywords(form.keywords);
    const { editing } = form;
    if (editing === undefined) {
      const draft = KeywordEventDraft.safeParse({ event: form.event, keywords, ...withMessage });
      this.formErrors = draft.success ? {} : fieldErrors(draft.error.issues);
      return draft.success ? () => this.bridge.invoke('admin:create-keyword-event', draft.data) : undefined;
    }
    const change = KeywordEventChange.safeParse({ id: editing.id, keywords, ...withMessage });
    const errors = change.success ? {} : fieldErrors(change.error.issues);
    // An edited event keeps its type, so the rule that only Join events carry a message holds for edits too.
    if (message !== '' && editing.type !== 'JOIN') errors['message'] ??= ONLY_JOIN_HAS_A_MESSAGE;
    this.formErrors = errors;
    return change.success && Object.keys(errors).length === 0 ? () => this.bridge.invoke('admin:update-keyword-event', change.data) : undefined;
  }

  #openForm(form: KeywordEventForm): void {
    this.formErrors = {};
    this.saveError = undefined;
    this.form = form;
  }
}
