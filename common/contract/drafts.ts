/**
 * Channels for the words an agent has typed but not sent: one draft per customer, kept by main in the account's
 * data so a reload or a restart loses nothing, and listed so the customer list can mark who has one.
 */
import { z } from 'zod';
import { Draft } from '../domain';

/**
 * A draft is local and may be longer than any one message the service takes (the agent may split it): the limit
 * only keeps a runaway paste from filling the disk.
 */
export const maxDraftLength = 100_000;

const CustomerIdInput = z.strictObject({ customerId: z.string().min(1) });

export const SaveDraftRequest = z.strictObject({
  customerId: z.string().min(1),
  /** The whole draft as it stands; empty removes it. */
  text: z.string().max(maxDraftLength),
});
export type SaveDraftRequest = z.infer<typeof SaveDraftRequest>;

export const draftsChannels = {
  /** The customer's kept draft, or null when there is none. */
  'drafts:get': { input: CustomerIdInput, output: Draft.nullable() },
  /** Keeps (or, when empty, removes) the customer's draft; emits `drafts:changed` when that changed anything. */
  'drafts:save': { input: SaveDraftRequest, output: z.strictObject({}) },
  /** Every kept draft, newest first. */
  'drafts:list': { input: z.strictObject({}), output: z.strictObject({ drafts: z.array(Draft) }) },
} as const;

export const draftsEvents = {
  /** This customer's draft is now `draft` (null: none is kept). */
  'drafts:changed': z.object({ customerId: z.string(), draft: Draft.nullable() }),
} as const;
