/**
 * Channels for "Send via": the agents (each on a channel) a customer can be written to through, and the one the agent
 * chose for that customer, which main remembers per customer in the account's data so it outlives a restart.
 */
import { z } from 'zod';
import { ChannelType } from '../domain';

export const SendOption = z.strictObject({
  agentId: z.string().min(1),
  channelId: z.string().min(1),
  channelType: ChannelType,
  channelName: z.string(),
  /** What names the agent within its channel (an SMS number, a bot's name); null when its config names nothing. */
  agentLabel: z.string().nullable(),
  /** False: the customer opted out of this agent, which cannot be sent through until they write again. */
  subscribed: z.boolean(),
});
export type SendOption = z.infer<typeof SendOption>;

export const SendOptions = z.strictObject({
  /** The customer's agents on channels messages can be sent through, in the cache's channel order. */
  options: z.array(SendOption),
  /**
   * The agent sends go through: the one the agent chose for this customer while it can still be used, else the agent
   * of the customer's latest message, else the first subscribed one; null when none can be used.
   */
  chosenAgentId: z.string().nullable(),
});
export type SendOptions = z.infer<typeof SendOptions>;

const CustomerIdInput = z.strictObject({ customerId: z.string().min(1) });

export const ChooseSenderRequest = z.strictObject({ customerId: z.string().min(1), agentId: z.string().min(1) });
export type ChooseSenderRequest = z.infer<typeof ChooseSenderRequest>;

export const sendViaChannels = {
  'send-via:options': { input: CustomerIdInput, output: SendOptions },
  /** Remembers the agent to send through for this customer; refused for an agent that is not one of their options. */
  'send-via:choose': { input: ChooseSenderRequest, output: SendOptions },
} as const;
