/**
 * The channels screen's state: the list (one page at a time, narrowed by type and status), the channel whose
 * details are open, the "New channel" form, a channel awaiting a confirmed deletion, and one chatbot story set on
 * every channel once the agent confirms it.
 */
import type { InboxBridge } from '../../../common/contract';
import type { AdminChannel, ListedChannelType } from '../../../common/contract/admin';
import type { ChatbotChoice } from '../../../common/contract/admin-channels';
import type { ChannelStatus } from '../../../common/domain';
import { AdminDeletion } from './admin-deletion.svelte';
import { AdminList } from './admin-list.svelte';
import { DialogForm } from './channel-details-state.svelte';
import { ChatbotStories } from './chatbot-stories.svelte';
import { NewChannelState } from './new-channel-state.svelte';

export class ChannelsState {
  readonly list: AdminList<AdminChannel>;
  readonly stories: ChatbotStories;
  readonly deletion: AdminDeletion<AdminChannel>;
  type = $state<ListedChannelType | undefined>(undefined);
  status = $state<ChannelStatus | undefined>(undefined);
  /** The channel whose details are shown instead of the list. */
  detailsId = $state<string | undefined>(undefined);
  newChannel = $state.raw<NewChannelState | undefined>(undefined);
  /** The "every channel" form; its subject is the story picked and awaiting confirmation, once picked. */
  readonly everywhere = new DialogForm<{ story?: ChatbotChoice }>();
  /** Said above the list after a story was set on every channel. */
  everywhereNote = $state('');

  constructor(private readonly bridge: InboxBridge) {
    this.list = new AdminList((request) =>
      bridge.invoke('admin:channels', { ...request, ...(this.type ? { type: this.type } : {}), ...(this.status ? { status: this.status } : {}) }),
    );
    this.stories = new ChatbotStories(bridge);
    this.deletion = new AdminDeletion(({ channel }) => bridge.invoke('admin:delete-channel', { id: channel.id }), () => this.list.reload());
  }

  async narrow(filters: { type?: ListedChannelType | undefined; status?: ChannelStatus | undefined }): Promise<void> {
    if ('type' in filters) this.type = filters.type;
    if ('status' in filters) this.status = filters.status;
    await this.list.reload();
  }

  openNew(): void {
    this.newChannel = new NewChannelState(this.bridge, async (created) => {
      this.newChannel = undefined;
      await this.list.reload();
      this.detailsId = created.channel.id;
    });
  }

  closeNew(): void {
    if (!this.newChannel?.saving) this.newChannel = undefined;
  }

  openEverywhere(): void {
    this.everywhereNote = '';
    this.everywhere.open({});
    void this.stories.load();
  }

  /** The story picked for every channel, to be confirmed; refused next to the picker when none is picked. */
  pickEverywhere(key: string): void {
    const story = this.stories.chosen(key);
    this.everywhere.errors = story === undefined ? { story: 'Choose a chatbot story' } : {};
    if (story !== undefined) this.everywhere.subject = { story };
  }

  async confirmEverywhere(): Promise<void> {
    const story = this.everywhere.subject?.story;
    if (story === undefined || this.everywhere.saving) return;
    const name = this.stories.nameOf(story) ?? 'The story';
    if (await this.everywhere.run(() => this.bridge.invoke('admin:set-chatbot-everywhere', story))) {
      this.everywhereNote = `${name} is now the chatbot story of every channel.`;
    }
  }
}
