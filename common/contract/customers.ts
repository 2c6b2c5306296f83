/**
 * Channels that look after a customer: their details with each channel's subscription and chatbot mode, a rename
 * or chatbot switch (`customers.update`), a new customer (`customers.create`, after the cache is asked whether they
 * are already known), deleting a customer or one message. Writes go to the service at once and then to the cache;
 * nothing is queued, so without the network they fail and say so. A customer or message the service no longer has
 * (404, 410) counts as deleted.
 */
import { z } from 'zod';
import { ChannelType, Customer } from '../domain';
import { isPhoneRegion, type PhoneRegion } from '../phone-number';

const Id = z.string().min(1).max(200);

export const CUSTOMER_NAME_MAX_LENGTH = 200;

/** A customer's name as the agent types it; blank is refused, since the reference gives no way to clear one. */
export const CustomerName = z
  .string()
  .trim()
  .min(1, 'Enter a name')
  .max(CUSTOMER_NAME_MAX_LENGTH, `A name is at most ${CUSTOMER_NAME_MAX_LENGTH} characters`);

/** One agent the customer has a subscription with (line 1834), named as the channel list names it. */
export const CustomerSubscription = z.strictObject({
  agentId: z.string(),
  /** The agent's VLN or bot name; null when the cache does not know the agent (channels not synced yet). */
  agentLabel: z.string().nullable(),
  channelName: z.string().nullable(),
  channelType: ChannelType.nullable(),
  subscribed: z.boolean(),
});
export type CustomerSubscription = z.infer<typeof CustomerSubscription>;

/** The chatbot on one of the customer's channels (lines 1655-1660); `mode` null: the customer has none set there. */
export const CustomerChatbot = z.strictObject({
  channelId: z.string(),
  channelName: z.string().nullable(),
  channelType: ChannelType.nullable(),
  mode: z.string().nullable(),
});
export type CustomerChatbot = z.infer<typeof CustomerChatbot>;

export const CustomerDetails = z.strictObject({
  customer: Customer,
  subscriptions: z.array(CustomerSubscription),
  chatbots: z.array(CustomerChatbot),
});
export type CustomerDetails = z.infer<typeof CustomerDetails>;

export const CustomerChange = z
  .strictObject({
    id: Id,
    name: CustomerName.optional(),
    chatbot: z.strictObject({ channelId: Id, enabled: z.boolean() }).optional(),
  })
  .refine((change) => change.name !== undefined || change.chatbot !== undefined, 'Say what to change: a name or a chatbot');
export type CustomerChange = z.infer<typeof CustomerChange>;

export const NewCustomer = z.strictObject({
  phone: z.string().max(40),
  name: CustomerName.optional(),
  /** Where a number without "+" is read (ISO 3166 alpha-2). */
  region: z
    .string()
    .refine(isPhoneRegion, 'Unknown country')
    .transform((region) => region as PhoneRegion)
    .optional(),
});
export type NewCustomer = z.input<typeof NewCustomer>;

export const CreatedCustomer = z.strictObject({
  customer: Customer,
  /** The number was already a customer's (in the cache, or the service said 409): nothing was created. */
  existing: z.boolean(),
});
export type CreatedCustomer = z.infer<typeof CreatedCustomer>;

/** What a deletion came to: `alreadyGone` when the service no longer had it (404, 410); the cache follows either way. */
export const Deleted = z.strictObject({ alreadyGone: z.boolean() });
export type Deleted = z.infer<typeof Deleted>;

export const customersChannels = {
  /** The customer as the cache holds them, with each channel's subscription and chatbot; null when not cached. */
  'customers:details': { input: z.strictObject({ id: Id }), output: CustomerDetails.nullable() },
  /** Renames the customer or switches a channel's chatbot; answers the customer as the cache now holds them. */
  'customers:update': { input: CustomerChange, output: Customer },
  'customers:create': { input: NewCustomer, output: CreatedCustomer },
  /** Deletes the customer, then their messages, drafts and unsent replies from this app (see main/customers). */
  'customers:delete': { input: z.strictObject({ id: Id }), output: Deleted },
  'messages:delete': { input: z.strictObject({ customerId: Id, messageId: Id }), output: Deleted },
} as const;

export const customersChannelNames = Object.keys(customersChannels) as (keyof typeof customersChannels)[];
