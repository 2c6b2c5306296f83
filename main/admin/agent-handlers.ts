/**
 * A channel's agents over the 2-Way service: more VLNs for an SMS channel (reference lines 1433-1470), an agent
 * deleted (lines 1216-1240) or given a chatbot story (lines 1319-1350), and a Telegram bot's status, name and
 * access token (lines 4190-4240). The token is sent to the service and kept nowhere: not answered, not logged.
 */
import { ok } from '../../common/result';
import type { Api } from '../api/client';
import type { HandlerTable } from '../ipc/handler-table';

type AgentHandlers = Pick<HandlerTable, 'admin:add-numbers' | 'admin:delete-agent' | 'admin:set-agent-chatbot' | 'admin:configure-telegram'>;

/** The only provider the reference names for SMS numbers (line 1458). */
const SMS_PROVIDER = 'IZONET';

export function agentHandlers(api: Api): AgentHandlers {
  return {
    'admin:add-numbers': async ({ channelId, vlnQuantity }) => {
      const answer = await api.call('agents.create', {
        path: { channel_id: channelId },
        body: { type: 'SMS', provider: SMS_PROVIDER, vln_quantity: vlnQuantity },
      });
      return answer.ok ? ok({}) : answer;
    },
    'admin:delete-agent': async ({ channelId, agentId }) => {
      const answer = await api.call('agents.delete', { path: { channel_id: channelId, agent_id: agentId } });
      return answer.ok ? ok({}) : answer;
    },
    'admin:set-agent-chatbot': async ({ channelId, agentId, chatbot }) => {
      const answer = await api.call('agents.update', {
        path: { channel_id: channelId, agent_id: agentId },
        body: { chatbot: { story_id: chatbot.storyId, origin: chatbot.origin } },
      });
      return answer.ok ? ok({}) : answer;
    },
    'admin:configure-telegram': async ({ agentId, status, botName, accessToken }) => {
      const answer = await api.call('telegram.configure', {
        path: { agent_id: agentId },
        body: { status, config: { bot_name: botName, access_token: accessToken } },
      });
      return answer.ok ? ok({}) : answer;
    },
  };
}
