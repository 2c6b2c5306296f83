/**
 * Short links and link tokens (lines 2698-2832), settings (3693-3895) and chatbot stories (5602-5672).
 */
import { z } from 'zod';
import { ApiError, errorBody } from '../api-error';
import type { Api } from '../http';
import type { Settings } from '../model';
import { phoneDigits } from '../phone';
import { nowIso, type SandboxRuntime } from '../runtime';
import type { Enterprise } from '../store';
import { DialogflowCredentialsSchema } from '../settings-schema';
import { parseInput } from '../validation';

const ShortenSchema = z.object({
  customerNumber: z.string().refine((value) => phoneDigits(value) !== undefined, 'must be a phone number in international form'),
  links: z.array(z.url({ protocol: /^https?$/ })).min(1),
});

/** Line 3795: when a chatbot is enabled, its other fields are required; when disabled, they are not. */
const SettingsPatchSchema = z.object({
  short_links_generation_enabled: z.boolean().optional(),
  notification_settings: z.record(z.string(), z.unknown()).optional(),
  chatbot_settings: z
    .object({
      OWN: z.object({ is_enabled: z.boolean() }).optional(),
      CHATBOT_COM: z
        .object({ is_enabled: z.boolean(), access_token: z.string().min(1).optional() })
        .refine((value) => !value.is_enabled || value.access_token !== undefined, { message: 'access_token is required when enabled', path: ['access_token'] })
        .optional(),
      DIALOGFLOW: z
        .object({ is_enabled: z.boolean(), credentials: DialogflowCredentialsSchema.nullable().optional() })
        .refine((value) => !value.is_enabled || (value.credentials !== undefined && value.credentials !== null), {
          message: 'credentials are required when enabled',
          path: ['credentials'],
        })
        .optional(),
    })
    .optional(),
});

const SHORT_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

function shortCode(runtime: SandboxRuntime, enterprise: Enterprise): string {
  let code = '';
  do {
    code = Array.from({ length: 5 }, () => runtime.random.pick([...SHORT_CODE_ALPHABET])).join('');
  } while (enterprise.shortLinks.has(code));
  return code;
}

/** Short links point back at the sandbox (`/s/{code}`), which redirects to the original. */
export function shortLinkUrl(runtime: SandboxRuntime, code: string): string {
  return `${runtime.baseUrl}/s/${code}`;
}

export function registerLinkAndSettingsRoutes(api: Api): void {
  const { runtime } = api;

  api.route('links.shorten', ({ enterprise, body }) => {
    const input = parseInput(ShortenSchema, body);
    if (!enterprise.settings.short_links_generation_enabled) {
      throw new ApiError(406, 'Short links are disabled', 'Enable short_links_generation_enabled in the settings to shorten links');
    }
    const links = input.links.map((base) => {
      const code = shortCode(runtime, enterprise);
      enterprise.shortLinks.set(code, { code, base, customerNumber: phoneDigits(input.customerNumber) ?? '', created: nowIso(runtime) });
      return { base, short: shortLinkUrl(runtime, code) };
    });
    return { body: { links } };
  });

  api.route('links.tokens', ({ enterprise }) => ({ body: { links: enterprise.linkTokens, total: enterprise.linkTokens.length } }));

  api.route('settings.get', ({ enterprise }) => ({ body: enterprise.settings }));

  api.route('settings.update', ({ enterprise, body }) => {
    const input = parseInput(SettingsPatchSchema, body);
    const current = enterprise.settings;
    const chatbots = input.chatbot_settings ?? {};
    const next: Settings = {
      short_links_generation_enabled: input.short_links_generation_enabled ?? current.short_links_generation_enabled,
      notification_settings: input.notification_settings ?? current.notification_settings,
      chatbot_settings: {
        OWN: chatbots.OWN ?? current.chatbot_settings.OWN,
        CHATBOT_COM: { ...current.chatbot_settings.CHATBOT_COM, ...chatbots.CHATBOT_COM },
        DIALOGFLOW: { ...current.chatbot_settings.DIALOGFLOW, ...chatbots.DIALOGFLOW },
      },
    };
    enterprise.settings = next;
    return {};
  });

  api.route('scenarios.list', ({ enterprise }) => ({
    body: { stories: enterprise.stories.filter((story) => enterprise.settings.chatbot_settings[story.origin].is_enabled) },
  }));

  api.app.get('/s/:code', async (request, reply) => {
    const code = z.object({ code: z.string() }).parse(request.params).code;
    for (const enterprise of runtime.store.enterprises.values()) {
      const link = enterprise.shortLinks.get(code);
      if (link !== undefined) return reply.redirect(link.base, 302);
    }
    return reply.code(404).send(errorBody(404, 'Short link not found', `No short link ${code}`));
  });
}
