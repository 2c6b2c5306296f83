/**
 * The templates screen's state: the list (of one type or all), the new template's form with its live preview, and
 * the template awaiting a confirmed deletion. The service cannot change a template, only create and delete one.
 */
import type { TemplateType } from '../../../common/api-types';
import type { InboxBridge } from '../../../common/contract';
import { TemplateDraft, type Template } from '../../../common/contract/admin';
import type { InboxError } from '../../../common/result';
import { AdminDeletion } from './admin-deletion.svelte';
import { AdminList } from './admin-list.svelte';
import { fieldErrors, whenOnline } from './admin-words';

export interface TemplateForm {
  type: TemplateType;
  title: string;
  text: string;
}

export class TemplatesState {
  readonly list: AdminList<Template>;
  /** The type the list shows; all when undefined. */
  filter = $state<TemplateType | undefined>(undefined);
  /** The new template's form as it opened; the dialog edits its own copy. */
  form = $state.raw<TemplateForm | undefined>(undefined);
  formErrors = $state.raw<Record<string, string>>({});
  saving = $state(false);
  saveError = $state.raw<InboxError | undefined>(undefined);
  readonly deletion: AdminDeletion<Template>;

  constructor(private readonly bridge: InboxBridge) {
    this.list = new AdminList((request) => bridge.invoke('admin:templates', { ...request, ...(this.filter ? { type: this.filter } : {}) }));
    this.deletion = new AdminDeletion((item) => bridge.invoke('admin:delete-template', { id: item.id }), () => this.list.reload());
  }

  async setFilter(type: TemplateType | undefined): Promise<void> {
    this.filter = type;
    await this.list.reload();
  }

  openNew(): void {
    this.formErrors = {};
    this.saveError = undefined;
    this.form = { type: 'TEXT_TEMPLATE', title: '', text: '' };
  }

  closeForm(): void {
    if (!this.saving) this.form = undefined;
  }

  async save(form: TemplateForm): Promise<boolean> {
    if (this.form === undefined || this.saving) return false;
    this.saveError = undefined;
    const draft = TemplateDraft.safeParse(form);
    this.formErrors = draft.success ? {} : fieldErrors(draft.error.issues);
    if (!draft.success) return false;
    this.saving = true;
    const answer = await whenOnline(() => this.bridge.invoke('admin:create-template', draft.data));
    this.saving = false;
    if (!answer.ok) {
      this.saveError = answer.error;
      return false;
    }
    this.form = undefined;
    await this.list.reload();
    return true;
  }
}
