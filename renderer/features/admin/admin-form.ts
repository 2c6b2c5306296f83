/** What every administration form dialog is given: its opening values, the refusals to show, and what to call. */
import type { InboxError } from '../../../common/result';

export interface AdminFormProps<Form> {
  /** The values the form opens with; the dialog edits its own copy. */
  initial: Form;
  /** Each refused field's reason, by field name. */
  errors: Record<string, string>;
  saving: boolean;
  /** The service's refusal of the last save. */
  saveError: InboxError | undefined;
  onSave: (form: Form) => void;
  onCancel: () => void;
}
