/**
 * The WhatsApp templates screen's state: the WhatsApp agents to choose from (read from the channel list), the
 * chosen agent's templates a page at a time and the review status they are narrowed to; the form creating or
 * editing one (checked against the contract's own schema, so a limit is refused next to its field with no
 * request); and the template awaiting a confirmed deletion, with whether a broadcast is using it.
 */
import type { InboxBridge } from '../../../common/contract';
import type { AdminChannel, WhatsAppTemplateStatus, WhatsAppTemplateSummary } from '../../../common/contract/admin';
import { WhatsAppTemplateChange, WhatsAppTemplateDraft } from '../../../common/contract/whatsapp-templates';
import type { InboxError, Result } from '../../../common/result';
import { fail, ok } from '../../../common/result';
import { AdminDeletion } from './admin-deletion.svelte';
import { AdminList } from './admin-list.svelte';
import { fieldErrors, isGone, saveFormAndReload } from './admin-words';
import { editTemplateForm, newTemplateForm, templateContent, type WhatsAppTemplateForm } from './whatsapp-template-form';

export interface WhatsAppAgentChoice {
  id: string;
  /** The channel's name and the agent's, as the picker shows them. */
  name: string;
}

/** Whether a broadcast uses the template awaiting deletion: 'unknown' when the check itself failed. */
export type BroadcastUse = 'active' | 'inactive' | 'unknown';

/** More WhatsApp channels than one page of the service's list is not a case this screen pages through. */
const MAX_CHANNELS = 100;
/** A header's file is picked from the newest page of the library. */
const MAX_MEDIA_CHOICES = 100;

export class WhatsAppTemplatesState {
  readonly list: AdminList<WhatsAppTemplateSummary>;
  agents = $state.raw<WhatsAppAgentChoice[]>([]);
  agentsLoaded = $state(false);
  agentsError = $state.raw<InboxError | undefined>(undefined);
  /** When the agents were read from a saved copy, the time of that copy. */
  agentsSavedAt = $state<number | undefined>(undefined);
  agentId = $state<string | undefined>(undefined);
  status = $state<WhatsAppTemplateStatus | undefined>(undefined);
  /** The form as it opened (new, or a template's content); the dialog edits its own copy. */
  form = $state.raw<WhatsAppTemplateForm | undefined>(undefined);
  formErrors = $state.raw<Record<string, string>>({});
  saving = $state(false);
  saveError = $state.raw<InboxError | undefined>(undefined);
  /** The template whose content is being read before its edit form opens. */
  opening = $state<string | undefined>(undefined);
  openError = $state.raw<InboxError | undefined>(undefined);
  readonly deletion: AdminDeletion<WhatsAppTemplateSummary>;
  broadcast = $state<BroadcastUse>('unknown');
  /** The template whose broadcast is being checked before its deletion is confirmed. */
  checking = $state<string | undefined>(undefined);

  constructor(private readonly bridge: InboxBridge) {
    this.list = new AdminList((request) => {
      const agentId = this.agentId;
      if (agentId === undefined) return Promise.resolve(ok({ items: [], total: 0 }));
      return bridge.invoke('admin:whatsapp-templates', { ...request, agentId, ...(this.status ? { status: this.status } : {}) });
    });
    this.deletion = new AdminDeletion(
      (item) => this.#withAgent((agentId) => bridge.invoke('admin:delete-whatsapp-template', { agentId, name: item.name })),
      () => this.list.reload(),
    );
  }

  /** Reads the WhatsApp agents, picks the first and reads its templates. */
  async load(): Promise<void> {
    const answer = await this.bridge.invoke('admin:channels', { offset: 0, limit: MAX_CHANNELS, type: 'WA' });
    this.agentsLoaded = true;
    if (!answer.ok) {
      this.agentsError = answer.error;
      return;
    }
    this.agentsError = undefined;
    this.agentsSavedAt = answer.value.savedAt;
    this.agents = answer.value.items.flatMap(({ channel, agents }: AdminChannel) =>
      agents.map((agent) => ({ id: agent.id, name: agent.label ? `${channel.name} (${agent.label})` : channel.name })),
    );
    this.agentId = this.agents[0]?.id;
    await this.list.reload();
  }

  async narrow(filters: { agentId?: string | undefined; status?: WhatsAppTemplateStatus | undefined }): Promise<void> {
    if ('agentId' in filters) this.agentId = filters.agentId;
    if ('status' in filters) this.status = filters.status;
    await this.list.reload();
  }

  openNew(): void {
    this.#openForm(newTemplateForm());
  }

  /** Reads the template's content from the service, then opens the edit form with it. */
  async openEdit(template: WhatsAppTemplateSummary): Promise<void> {
    if (this.opening !== undefined) return;
    this.opening = template.id;
    this.openError = undefined;
    const answer = await this.#withAgent((agentId) => this.bridge.invoke('admin:whatsapp-template', { agentId, id: template.id }));
    this.opening = undefined;
    if (!answer.ok) {
      this.openError = answer.error;
      if (isGone(answer.error)) void this.list.reload();
      return;
    }
    this.#openForm(editTemplateForm(answer.value, answer.value.fields));
  }

  closeForm(): void {
    if (!this.saving) this.form = undefined;
  }

  /** Checks the form, then creates or changes the template; answers whether it was saved (the form then closes). */
  async save(form: WhatsAppTemplateForm): Promise<boolean> {
    const agentId = this.agentId;
    if (this.form === undefined || this.saving || agentId === undefined) return false;
    this.saveError = undefined;
    const send = this.#checked(agentId, form);
    if (send === undefined) return false;
    return saveFormAndReload(this, send);
  }

  /** The media library's files of one kind, for a template's media header (none when it cannot be read). */
  async mediaChoices(type: 'image' | 'video' | 'file'): Promise<{ url: string; name: string }[]> {
    const answer = await this.bridge.invoke('admin:media', { offset: 0, limit: MAX_MEDIA_CHOICES, type });
    if (!answer.ok) return [];
    return answer.value.items.map((media) => ({ url: media.url, name: media.name ?? media.mediaId }));
  }

  /** Asks the service whether a broadcast is using the template, then asks the agent to confirm its deletion. */
  async askDelete(template: WhatsAppTemplateSummary): Promise<void> {
    if (this.checking !== undefined) return;
    this.checking = template.id;
    const answer = await this.#withAgent((agentId) => this.bridge.invoke('admin:whatsapp-template-broadcast', { agentId, name: template.name }));
    this.checking = undefined;
    this.broadcast = !answer.ok ? 'unknown' : answer.value.isActive ? 'active' : 'inactive';
    this.deletion.ask(template);
  }

  /** The request the form asks for, or undefined with each refused field's reason in `formErrors`. */
  #checked(agentId: string, form: WhatsAppTemplateForm): (() => Promise<Result<unknown>>) | undefined {
    const content = templateContent(form);
    const { editing } = form;
    if (editing === undefined) {
      const draft = WhatsAppTemplateDraft.safeParse({ agentId, name: form.name, language: form.language, ...content });
      this.formErrors = draft.success ? {} : fieldErrors(draft.error.issues);
      return draft.success ? () => this.bridge.invoke('admin:create-whatsapp-template', draft.data) : undefined;
    }
    const change = WhatsAppTemplateChange.safeParse({ agentId, id: editing.id, ...content });
    this.formErrors = change.success ? {} : fieldErrors(change.error.issues);
    return change.success ? () => this.bridge.invoke('admin:update-whatsapp-template', change.data) : undefined;
  }

  #withAgent<T>(call: (agentId: string) => Promise<Result<T>>): Promise<Result<T>> {
    const agentId = this.agentId;
    return agentId === undefined ? Promise.resolve(fail('BAD_INPUT', 'Choose a WhatsApp agent first')) : call(agentId);
  }

  #openForm(form: WhatsAppTemplateForm): void {
    this.formErrors = {};
    this.saveError = undefined;
    this.form = form;
  }
}
