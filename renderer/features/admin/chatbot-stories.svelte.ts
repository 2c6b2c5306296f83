/**
 * The chatbot stories of the account's enabled chatbots (`scenarios.list`), read once per screen and picked by name
 * wherever the service asks for a story id. A story is named in a picker by `origin:id`, since ids of different
 * chatbot services could meet.
 */
import type { InboxBridge } from '../../../common/contract';
import type { ChatbotChoice, ChatbotStory } from '../../../common/contract/admin-channels';
import type { InboxError } from '../../../common/result';

export const chatbotOriginWords: Record<ChatbotChoice['origin'], string> = { OWN: '2-Way chatbot', CHATBOT_COM: 'chatbot.com', DIALOGFLOW: 'Dialogflow' };

export function storyKey(choice: ChatbotChoice): string {
  return `${choice.origin}:${choice.storyId}`;
}

export class ChatbotStories {
  items = $state.raw<ChatbotStory[]>([]);
  loaded = $state(false);
  error = $state.raw<InboxError | undefined>(undefined);
  #loading: Promise<void> | undefined;

  constructor(private readonly bridge: InboxBridge) {}

  /** Reads the stories unless they were read already (or are being read). */
  load(): Promise<void> {
    this.#loading ??= this.#read();
    return this.#loading;
  }

  async reload(): Promise<void> {
    this.#loading = this.#read();
    await this.#loading;
  }

  /** The story a picker's value names, as the service takes it. */
  chosen(key: string): ChatbotChoice | undefined {
    const story = this.items.find((candidate) => storyKey(candidate) === key);
    return story === undefined ? undefined : { storyId: story.storyId, origin: story.origin };
  }

  /** A story's name for a sentence, or undefined when it is not among the enabled chatbots' stories. */
  nameOf(choice: ChatbotChoice): string | undefined {
    return this.items.find((story) => storyKey(story) === storyKey(choice))?.name;
  }

  async #read(): Promise<void> {
    const answer = await this.bridge.invoke('admin:chatbot-stories', {});
    this.loaded = true;
    if (!answer.ok) {
      this.error = answer.error;
      return;
    }
    this.error = undefined;
    this.items = answer.value.items;
  }
}
