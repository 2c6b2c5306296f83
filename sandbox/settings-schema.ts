/**
 * The settings' shape (lines 3748-3768), checked when a PATCH or a saved data file brings it in.
 */
import { z } from 'zod';

export const DialogflowCredentialsSchema = z.object({
  type: z.string(),
  project_id: z.string(),
  private_key_id: z.string(),
  private_key: z.string(),
  client_email: z.string(),
  client_id: z.string(),
  auth_uri: z.string(),
  token_uri: z.string(),
  auth_provider_x509_cert_url: z.string(),
  client_x509_cert_url: z.string(),
});

export const SettingsSchema = z.object({
  short_links_generation_enabled: z.boolean(),
  chatbot_settings: z.object({
    OWN: z.object({ is_enabled: z.boolean() }),
    CHATBOT_COM: z.object({ is_enabled: z.boolean(), access_token: z.string().optional() }),
    DIALOGFLOW: z.object({ is_enabled: z.boolean(), credentials: DialogflowCredentialsSchema.nullable().optional() }),
  }),
  notification_settings: z.record(z.string(), z.unknown()),
});
