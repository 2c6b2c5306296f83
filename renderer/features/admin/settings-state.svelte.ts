/**
 * The settings screen's state: what the service holds (never a secret: only whether one is saved), the form the
 * agent edits, and saving only what changed. Turning chatbot.com or Dialogflow on needs its secret (line 3795),
 * checked here before any request; a secret typed in is cleared from the form once saved.
 */
import type { InboxBridge } from '../../../common/contract';
import { parseDialogflowCredentials, SettingsChange, type AdminSettings } from '../../../common/contract/admin';
import type { InboxError } from '../../../common/result';
import { whenOnline } from './admin-words';

export interface SettingsForm {
  shortLinks: boolean;
  own: boolean;
  chatbotCom: boolean;
  /** A new chatbot.com token; empty keeps the saved one. */
  chatbotComToken: string;
  dialogflow: boolean;
  /** New Dialogflow credentials (the JSON file's text); empty keeps the saved ones. */
  dialogflowCredentials: string;
}

function formOf(settings: AdminSettings): SettingsForm {
  return {
    shortLinks: settings.shortLinks,
    own: settings.own.enabled,
    chatbotCom: settings.chatbotCom.enabled,
    chatbotComToken: '',
    dialogflow: settings.dialogflow.enabled,
    dialogflowCredentials: '',
  };
}

export class SettingsState {
  saved = $state.raw<AdminSettings | undefined>(undefined);
  form = $state<SettingsForm | undefined>(undefined);
  loading = $state(false);
  loadError = $state.raw<InboxError | undefined>(undefined);
  errors = $state.raw<Record<string, string>>({});
  saving = $state(false);
  saveError = $state.raw<InboxError | undefined>(undefined);
  /** Said after a save went through. */
  savedNote = $state('');

  constructor(private readonly bridge: InboxBridge) {}

  async load(): Promise<void> {
    this.loading = true;
    const answer = await this.bridge.invoke('admin:settings', {});
    this.loading = false;
    if (!answer.ok) {
      this.loadError = answer.error;
      return;
    }
    this.loadError = undefined;
    this.#show(answer.value);
  }

  async save(): Promise<void> {
    const form = this.form;
    const saved = this.saved;
    if (form === undefined || saved === undefined || this.saving) return;
    this.savedNote = '';
    this.saveError = undefined;
    const change = this.#change(form, saved);
    if (change === undefined) return;
    this.saving = true;
    const answer = await whenOnline(() => this.bridge.invoke('admin:update-settings', change));
    this.saving = false;
    if (!answer.ok) {
      this.saveError = answer.error;
      return;
    }
    this.#show(answer.value);
    this.savedNote = 'Settings saved.';
  }

  #show(settings: AdminSettings): void {
    this.saved = settings;
    this.form = formOf(settings);
    this.errors = {};
  }

  /** What changed, checked; undefined (with `errors` set) when something is refused or nothing changed. */
  #change(form: SettingsForm, saved: AdminSettings): SettingsChange | undefined {
    const errors: Record<string, string> = {};
    const token = form.chatbotComToken.trim();
    const credentialsText = form.dialogflowCredentials.trim();
    let credentials;
    if (credentialsText !== '') {
      const parsed = parseDialogflowCredentials(credentialsText);
      if (parsed.ok) credentials = parsed.value;
      else errors['dialogflowCredentials'] = parsed.message;
    }
    const draft = {
      ...(form.shortLinks === saved.shortLinks ? {} : { shortLinks: form.shortLinks }),
      ...(form.own === saved.own.enabled ? {} : { own: { enabled: form.own } }),
      ...(form.chatbotCom === saved.chatbotCom.enabled && token === ''
        ? {}
        : { chatbotCom: { enabled: form.chatbotCom, ...(token === '' ? {} : { accessToken: token }) } }),
      ...(form.dialogflow === saved.dialogflow.enabled && credentialsText === ''
        ? {}
        : { dialogflow: { enabled: form.dialogflow, ...(credentials === undefined ? {} : { credentials }) } }),
    };
    if (Object.keys(draft).length === 0 && Object.keys(errors).length === 0) {
      this.errors = {};
      this.savedNote = 'Nothing changed.';
      return undefined;
    }
    const checked = SettingsChange.safeParse(draft);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        // The refusals are about a provider's secret: shown next to that provider's secret field.
        const provider = String(issue.path[0] ?? 'form');
        const field = provider === 'chatbotCom' ? 'chatbotComToken' : provider === 'dialogflow' ? 'dialogflowCredentials' : provider;
        errors[field] ??= issue.message;
      }
    }
    this.errors = errors;
    return checked.success && Object.keys(errors).length === 0 ? checked.data : undefined;
  }
}
