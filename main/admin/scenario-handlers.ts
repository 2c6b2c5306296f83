/**
 * Chatbot stories over the 2-Way service: the stories of the account's enabled chatbots (reference lines
 * 5602-5660), to be picked by name, and one story set on every channel at once (lines 1559-1580).
 */
import { normaliseChatbotOrigin } from '../../common/api-decisions';
import type { ChatbotStory } from '../../common/contract/admin-channels';
import { ok } from '../../common/result';
import type { Api } from '../api/client';
import type { HandlerTable } from '../ipc/handler-table';

type ScenarioHandlers = Pick<HandlerTable, 'admin:chatbot-stories' | 'admin:set-chatbot-everywhere'>;

export function scenarioHandlers(api: Api): ScenarioHandlers {
  return {
    'admin:chatbot-stories': async () => {
      const answer = await api.call('scenarios.list', {});
      if (!answer.ok) return answer;
      const items: ChatbotStory[] = [];
      for (const story of answer.value.stories) {
        const origin = normaliseChatbotOrigin(story.origin);
        // A story of a chatbot service this app does not know cannot be set on a channel: it is left out.
        if (origin === undefined) continue;
        items.push({ storyId: story.id, origin, name: story.name, ...(story.description ? { description: story.description } : {}) });
      }
      return ok({ items });
    },
    'admin:set-chatbot-everywhere': async ({ storyId, origin }) => {
      const answer = await api.call('channels.setChatbot', { body: { story_id: storyId, origin } });
      return answer.ok ? ok({}) : answer;
    },
  };
}
