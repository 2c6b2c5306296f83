/**
 * The settings channels over the 2-Way service (reference lines 3693-3895). The service answers the chatbot
 * providers' secrets (a chatbot.com token, Dialogflow's private key); they stop here: the renderer learns only
 * whether one is saved, nothing caches them, and no error message quotes them.
 */
import type { ApiSettings } from '../../common/api-types';
import type { AdminSettings, SettingsChange } from '../../common/contract/admin';
import { ok } from '../../common/result';
import type { Api } from '../api/client';
import type { HandlerTable } from '../ipc/handler-table';

type SettingsHandlers = Pick<HandlerTable, 'admin:settings' | 'admin:update-settings'>;

function adminSettings(settings: ApiSettings): AdminSettings {
  const chatbots = settings.chatbot_settings;
  const projectId = chatbots?.DIALOGFLOW?.credentials?.['project_id'];
  return {
    shortLinks: settings.short_links_generation_enabled ?? false,
    own: { enabled: chatbots?.OWN?.is_enabled ?? false },
    chatbotCom: { enabled: chatbots?.CHATBOT_COM?.is_enabled ?? false, hasToken: Boolean(chatbots?.CHATBOT_COM?.access_token) },
    dialogflow: {
      enabled: chatbots?.DIALOGFLOW?.is_enabled ?? false,
      hasCredentials: Boolean(chatbots?.DIALOGFLOW?.credentials),
      // The project is named on screen so the agent knows which credentials are saved; it is not a secret.
      ...(typeof projectId === 'string' ? { projectId } : {}),
    },
  };
}

/** The PATCH body: only what changed, so providers left alone keep their saved secrets (line 3791). */
function settingsPatch(change: SettingsChange) {
  const chatbots = {
    ...(change.own ? { OWN: { is_enabled: change.own.enabled } } : {}),
    ...(change.chatbotCom
      ? {
          CHATBOT_COM: {
            is_enabled: change.chatbotCom.enabled,
            ...(change.chatbotCom.accessToken === undefined ? {} : { access_token: change.chatbotCom.accessToken }),
          },
        }
      : {}),
    ...(change.dialogflow
      ? { DIALOGFLOW: { is_enabled: change.dialogflow.enabled, credentials: change.dialogflow.credentials ?? null } }
      : {}),
  };
  return {
    ...(change.shortLinks === undefined ? {} : { short_links_generation_enabled: change.shortLinks }),
    ...(Object.keys(chatbots).length > 0 ? { chatbot_settings: chatbots } : {}),
  };
}

export function settingsHandlers(api: Api): SettingsHandlers {
  const read = async () => {
    const answer = await api.call('settings.get');
    return answer.ok ? ok(adminSettings(answer.value)) : answer;
  };
  return {
    'admin:settings': read,
    'admin:update-settings': async (change) => {
      const answer = await api.call('settings.update', { body: settingsPatch(change) });
      return answer.ok ? read() : answer;
    },
  };
}
