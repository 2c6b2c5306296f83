/**
 * What the composer and the thread look up in main (`compose:*`): templates to pick, a message's template content by
 * id, link tokens by id, short links, and when the customer last wrote through an agent. What the thread shows is
 * asked for once per id and kept here, reactive, so every bubble carrying the same id shares one request.
 */
import { SvelteMap } from 'svelte/reactivity';
import type { InboxBridge } from '../../../common/contract';
import type { LinkToken, StoredTemplate, WhatsAppTemplate } from '../../../common/contract/compose';
import type { Result } from '../../../common/result';

/** A looked-up thing while asked for, once answered (null: the service does not have it), or why not. */
export type Lookup<T> = { state: 'loading' } | { state: 'found'; value: T } | { state: 'missing' } | { state: 'failed' };

export class ComposeLookups {
  readonly #templates = new SvelteMap<string, Lookup<StoredTemplate>>();
  readonly #whatsAppTemplates = new SvelteMap<string, Lookup<WhatsAppTemplate>>();
  readonly #lastInbound = new SvelteMap<string, number | null>();
  #linkTokens = $state.raw<readonly LinkToken[] | undefined>(undefined);
  #linkTokensAsked = false;

  constructor(private readonly bridge: InboxBridge) {}

  listTemplates(search: string): Promise<Result<{ items: StoredTemplate[]; total: number }>> {
    return this.bridge.invoke('compose:templates', search.trim() === '' ? {} : { search: search.trim() });
  }

  listWhatsAppTemplates(agentId: string, search: string): Promise<Result<{ items: WhatsAppTemplate[] }>> {
    return this.bridge.invoke('compose:whatsapp-templates', { agentId, ...(search.trim() === '' ? {} : { search: search.trim() }) });
  }

  /** A stored template's content for a message carrying its id; asks main the first time it is read. */
  template(id: string): Lookup<StoredTemplate> {
    return this.#lookUp(this.#templates, id, () => this.bridge.invoke('compose:template', { id }));
  }

  /** A WhatsApp template's content for a message sent through `agentId`; asks main the first time it is read. */
  whatsAppTemplate(agentId: string, id: string): Lookup<WhatsAppTemplate> {
    return this.#lookUp(this.#whatsAppTemplates, `${agentId}\n${id}`, () => this.bridge.invoke('compose:whatsapp-template', { agentId, id }));
  }

  #lookUp<T>(into: SvelteMap<string, Lookup<T>>, key: string, ask: () => Promise<Result<T | null>>): Lookup<T> {
    const known = into.get(key);
    if (known !== undefined) return known;
    const loading: Lookup<T> = { state: 'loading' };
    // Written after this read: a $derived reading it must not write state it depends on within the same pass.
    queueMicrotask(() => {
      if (into.has(key)) return;
      into.set(key, loading);
      void ask().then((answer) => {
        into.set(key, !answer.ok ? { state: 'failed' } : answer.value === null ? { state: 'missing' } : { state: 'found', value: answer.value });
      });
    });
    return loading;
  }

  /** The account's link tokens, once main answered (undefined before); asked for once. */
  get linkTokens(): readonly LinkToken[] | undefined {
    if (!this.#linkTokensAsked) {
      this.#linkTokensAsked = true;
      queueMicrotask(() => void this.loadLinkTokens());
    }
    return this.#linkTokens;
  }

  async loadLinkTokens(): Promise<Result<{ items: LinkToken[] }>> {
    this.#linkTokensAsked = true;
    const answer = await this.bridge.invoke('compose:link-tokens', {});
    if (answer.ok) this.#linkTokens = answer.value.items;
    return answer;
  }

  linkName(id: number): string | undefined {
    return this.linkTokens?.find((token) => token.id === id)?.name;
  }

  shortenLinks(customerId: string, links: string[]): Promise<Result<{ links: { base: string; short: string }[] }>> {
    return this.bridge.invoke('compose:shorten-links', { customerId, links });
  }

  /**
   * When the customer last wrote through `agentId` by the cache's whole history (null: never, or not known yet). Asked
   * again with `refreshLastInbound` when the conversation opens; newer messages are in the thread's window anyway.
   */
  lastInbound(customerId: string, agentId: string): number | null {
    return this.#lastInbound.get(`${customerId}\n${agentId}`) ?? null;
  }

  async refreshLastInbound(customerId: string, agentId: string): Promise<void> {
    const answer = await this.bridge.invoke('compose:last-inbound', { customerId, agentId });
    if (answer.ok) this.#lastInbound.set(`${customerId}\n${agentId}`, answer.value.sent);
  }
}
