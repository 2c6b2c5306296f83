/**
 * One channel's details screen: the channel as the service holds it, its settings form (name, welcome, opt-out and
 * help messages, chatbot story: only what changed is sent), its agents (more SMS numbers, a story per agent, a
 * Telegram bot's configuration, a confirmed deletion). Every form is checked against the contract before a request.
 */
import type { InboxBridge } from '../../../common/contract';
import {
  AgentsRequest,
  ChannelChange,
  TelegramConfiguration,
  type AgentDetails,
  type ChannelDetails,
  type ChatbotChoice,
} from '../../../common/contract/admin-channels';
import type { InboxError, Result } from '../../../common/result';
import { AdminDeletion } from './admin-deletion.svelte';
import { fieldErrors, isGone, whenOnline } from './admin-words';
import { storyKey, type ChatbotStories } from './chatbot-stories.svelte';

export interface ChannelSettingsForm {
  name: string;
  welcomeMessage: string;
  optOutMessage: string;
  helpMessage: string;
  /** The picked story's key (the one set now when the form opens), or '' for none. */
  story: string;
}

export interface TelegramForm {
  status: TelegramConfiguration['status'];
  botName: string;
  accessToken: string;
}

/** A form of its own dialog: its errors, whether it is being saved, and the service's refusal. */
export class DialogForm<Subject> {
  subject = $state.raw<Subject | undefined>(undefined);
  errors = $state.raw<Record<string, string>>({});
  saving = $state(false);
  saveError = $state.raw<InboxError | undefined>(undefined);

  open(subject: Subject): void {
    this.errors = {};
    this.saveError = undefined;
    this.subject = subject;
  }

  close(): void {
    if (!this.saving) this.subject = undefined;
  }

  /** Runs the checked request; closes on success and answers whether it succeeded. */
  async run(request: () => Promise<Result<unknown>>): Promise<boolean> {
    this.saving = true;
    const answer = await whenOnline(request);
    this.saving = false;
    if (!answer.ok) {
      this.saveError = answer.error;
      return false;
    }
    this.subject = undefined;
    return true;
  }
}

export class ChannelDetailsState {
  details = $state.raw<ChannelDetails | undefined>(undefined);
  loadError = $state.raw<InboxError | undefined>(undefined);
  form = $state<ChannelSettingsForm>({ name: '', welcomeMessage: '', optOutMessage: '', helpMessage: '', story: '' });
  formErrors = $state.raw<Record<string, string>>({});
  saving = $state(false);
  saveError = $state.raw<InboxError | undefined>(undefined);
  /** Said after a save, until the form changes again. */
  savedNote = $state('');
  numbers = $state('1');
  numbersError = $state<string | undefined>(undefined);
  readonly adding = new DialogForm<true>();
  readonly agentChatbot = new DialogForm<AgentDetails>();
  readonly telegram = new DialogForm<AgentDetails>();
  readonly agentDeletion: AdminDeletion<AgentDetails>;

  constructor(
    private readonly bridge: InboxBridge,
    readonly id: string,
    readonly stories: ChatbotStories,
  ) {
    this.agentDeletion = new AdminDeletion((agent) => bridge.invoke('admin:delete-agent', { channelId: id, agentId: agent.id }), () => this.load());
  }

  async load(): Promise<void> {
    const answer = await this.bridge.invoke('admin:channel', { id: this.id });
    if (!answer.ok) {
      this.loadError = answer.error;
      return;
    }
    this.loadError = undefined;
    this.#show(answer.value);
  }

  /** Sends what changed in the settings form; answers whether something was saved. */
  async save(): Promise<boolean> {
    const details = this.details;
    if (details === undefined || this.saving) return false;
    this.saveError = undefined;
    this.savedNote = '';
    const { form } = this;
    const changed = (now: string, before: string | null) => (now.trim() === (before ?? '').trim() ? undefined : now.trim());
    const chatbot = form.story === '' ? undefined : this.stories.chosen(form.story);
    const candidate = {
      id: details.channel.id,
      type: details.channel.type,
      name: changed(form.name, details.channel.name),
      welcomeMessage: changed(form.welcomeMessage, details.welcomeMessage),
      optOutMessage: changed(form.optOutMessage, details.optOutMessage),
      helpMessage: changed(form.helpMessage, details.helpMessage),
      chatbot: chatbot !== undefined && (details.chatbot === null || storyKey(chatbot) !== storyKey(details.chatbot)) ? chatbot : undefined,
    };
    const change = ChannelChange.safeParse(Object.fromEntries(Object.entries(candidate).filter(([, value]) => value !== undefined)));
    this.formErrors = change.success ? {} : fieldErrors(change.error.issues);
    if (!change.success) return false;
    if (Object.keys(change.data).length === 2) {
      this.savedNote = 'Nothing has changed.';
      return false;
    }
    this.saving = true;
    const answer = await whenOnline(() => this.bridge.invoke('admin:update-channel', change.data));
    this.saving = false;
    if (!answer.ok) {
      this.saveError = answer.error;
      return false;
    }
    this.#show(answer.value);
    this.savedNote = 'Saved.';
    return true;
  }

  async addNumbers(): Promise<boolean> {
    if (this.adding.saving) return false;
    this.adding.saveError = undefined;
    const text = this.numbers.trim();
    const request = AgentsRequest.safeParse({ channelId: this.id, vlnQuantity: text === '' ? Number.NaN : Number(text) });
    this.numbersError = request.success ? undefined : fieldErrors(request.error.issues)['vlnQuantity'];
    if (!request.success) return false;
    const added = await this.adding.run(() => this.bridge.invoke('admin:add-numbers', request.data));
    if (added) {
      this.numbers = '1';
      await this.load();
    }
    return added;
  }

  async setAgentChatbot(key: string): Promise<boolean> {
    const agent = this.agentChatbot.subject;
    if (agent === undefined || this.agentChatbot.saving) return false;
    this.agentChatbot.saveError = undefined;
    const chatbot: ChatbotChoice | undefined = this.stories.chosen(key);
    this.agentChatbot.errors = chatbot === undefined ? { story: 'Choose a chatbot story' } : {};
    if (chatbot === undefined) return false;
    const saved = await this.agentChatbot.run(() => this.bridge.invoke('admin:set-agent-chatbot', { channelId: this.id, agentId: agent.id, chatbot }));
    if (saved || (this.agentChatbot.saveError && isGone(this.agentChatbot.saveError))) await this.load();
    return saved;
  }

  async configureTelegram(form: TelegramForm): Promise<boolean> {
    const agent = this.telegram.subject;
    if (agent === undefined || this.telegram.saving) return false;
    this.telegram.saveError = undefined;
    const configuration = TelegramConfiguration.safeParse({ agentId: agent.id, ...form });
    this.telegram.errors = configuration.success ? {} : fieldErrors(configuration.error.issues);
    if (!configuration.success) return false;
    const saved = await this.telegram.run(() => this.bridge.invoke('admin:configure-telegram', configuration.data));
    if (saved) await this.load();
    return saved;
  }

  #show(details: ChannelDetails): void {
    this.details = details;
    this.form = {
      name: details.channel.name,
      welcomeMessage: details.welcomeMessage ?? '',
      optOutMessage: details.optOutMessage ?? '',
      helpMessage: details.helpMessage ?? '',
      story: details.chatbot === null ? '' : storyKey(details.chatbot),
    };
    this.formErrors = {};
  }
}
