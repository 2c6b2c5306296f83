/**
 * The sandbox's entities, kept in the shape the API answers (field names as in the reference's example
 * responses), plus the little private state some of them need. Each account is one enterprise.
 */
import type { ChatbotOrigin, KeywordEventType } from '../common/api-decisions';

export const channelTypes = ['SMS', 'WA', 'VI', 'WECHAT', 'RCS', 'TG'] as const;
export type ChannelType = (typeof channelTypes)[number];
export const channelStatuses = ['INACTIVE', 'CREATED', 'HOLD', 'ON_APPROVAL', 'ACTIVE'] as const;
export type ChannelStatus = (typeof channelStatuses)[number];

export const messageOrigins = ['BOT', 'AGENT', 'CUSTOMER', 'BROADCAST'] as const;
export type MessageOrigin = (typeof messageOrigins)[number];
export const messageStatuses = ['SENT', 'DELIVERED', 'READ', 'ERROR', 'UNDELIVERABLE', 'CREATED', 'UPLOAD_ERROR'] as const;
export type MessageStatus = (typeof messageStatuses)[number];

export interface Chatbot {
  story_id: string;
  origin: ChatbotOrigin;
}

export interface KeywordEventsMessages {
  opt_out_message?: string;
  help_message?: string;
}

export interface Agent {
  _id: string;
  created: string;
  modified: string;
  /** SMS: `{vln}`; TG: `{bot_name, access_token}`; WA/VI/RCS/WECHAT: the sender's identity. */
  config: Record<string, unknown>;
  chatbot?: Chatbot;
  status?: ChannelStatus;
}

export interface Channel {
  _id: string;
  type: ChannelType;
  status: ChannelStatus;
  chatbot?: Chatbot;
  keyword_events_messages?: KeywordEventsMessages;
  welcome_message?: string;
  config: Record<string, unknown> & { name: string; type: ChannelType };
  created: string;
  modified: string;
  agents: Agent[];
}

export interface Customer {
  _id: string;
  name?: string;
  phone: string;
  country: string;
  /** Agent id -> subscribed; false after the customer opted out through that agent. */
  subscriptions: Record<string, boolean>;
  /** Channel id -> chatbot mode (e.g. ENABLED_MANUALLY, DISABLED_AUTO). */
  chatbot_enabled: Record<string, string>;
  chatbot_notification_received: Record<string, boolean>;
  telegram_chat_id?: string;
  created: string;
  modified: string;
  last_message_time: string;
}

export interface Message {
  message_id: string;
  customer_id: string;
  agent_id: string;
  payload: unknown;
  origin: MessageOrigin;
  sent: string;
  created: string;
  modified: string;
  status: MessageStatus;
}

export interface KeywordEvent {
  _id: string;
  keywords: string[];
  config: { type: KeywordEventType; message?: string };
  created: string;
  modified: string;
}

export interface Template {
  _id: string;
  enterprise_id: string;
  user_id: string;
  payload: Record<string, unknown> & { type: string };
  created: string;
  modified: string;
}

export const waTemplateStatuses = ['APPROVED', 'IN_APPEAL', 'PENDING', 'REJECTED', 'PENDING_DELETION', 'DELETED', 'DISABLED'] as const;
export type WaTemplateStatus = (typeof waTemplateStatuses)[number];

export interface WaTemplateView {
  id: string;
  category: string;
  status: WaTemplateStatus;
  language: string;
  name: string;
  preview: string;
  components: Record<string, unknown>[];
  body: string;
  header?: { type: string; value: string | null };
  buttons?: Record<string, unknown>;
  footer: string | null;
  options?: Record<string, unknown>;
  created: string;
  modified: string;
}

export interface WaTemplateRecord {
  agentId: string;
  template: WaTemplateView;
  /** When each edit happened (ms), for the once-a-day and ten-in-30-days limits (line 5209). */
  editTimes: number[];
  activeBroadcast: boolean;
}

export type MediaKind = 'image' | 'video' | 'file';

export interface MediaRecord {
  _id: string;
  type: MediaKind;
  mime_type: string;
  full_size: number;
  file_name?: string;
  message_id?: string;
  created: string;
  bytes: Buffer;
  /** Images only: 160x160 preview and 400x400 thumbnail (lines 2891-2892), in `variantMime`. */
  preview?: Buffer;
  thumbnail?: Buffer;
  variantMime?: string;
}

export interface LinkToken {
  enabled: boolean;
  id: number;
  name: string;
  url: string;
}

export interface ShortLink {
  code: string;
  base: string;
  customerNumber: string;
  created: string;
}

export interface DialogflowCredentials {
  type: string;
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
  auth_uri: string;
  token_uri: string;
  auth_provider_x509_cert_url: string;
  client_x509_cert_url: string;
}

export interface Settings {
  short_links_generation_enabled: boolean;
  chatbot_settings: {
    OWN: { is_enabled: boolean };
    CHATBOT_COM: { is_enabled: boolean; access_token?: string };
    DIALOGFLOW: { is_enabled: boolean; credentials?: DialogflowCredentials | null };
  };
  notification_settings: Record<string, unknown>;
}

export interface Story {
  id: string;
  origin: ChatbotOrigin;
  description: string | null;
  name: string;
}

export type EntityKind =
  | 'channel'
  | 'agent'
  | 'customer'
  | 'message'
  | 'keywordEvent'
  | 'template'
  | 'media'
  | 'enterprise';
