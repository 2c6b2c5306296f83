/**
 * Channels and events of the desktop app's own updates: where the update machine is (main/updates/) and the agent's
 * consent to restart into a downloaded version. Browser mode has no updates and always answers `off`.
 */
import { z } from 'zod';

export const UpdateState = z.discriminatedUnion('status', [
  /** No feed is configured (or this is browser mode): the app never looks for updates. */
  z.strictObject({ status: z.literal('off') }),
  z.strictObject({ status: z.literal('idle') }),
  z.strictObject({ status: z.literal('checking') }),
  z.strictObject({ status: z.literal('available'), version: z.string() }),
  z.strictObject({ status: z.literal('downloading'), version: z.string(), percent: z.number().min(0).max(100) }),
  /** Downloaded and verified: installed only when the agent chooses to restart. */
  z.strictObject({ status: z.literal('ready'), version: z.string() }),
  /** `signature`: the download was not signed by us or did not match its checksum, and was thrown away. */
  z.strictObject({ status: z.literal('error'), kind: z.enum(['signature', 'other']), message: z.string() }),
]);
export type UpdateState = z.infer<typeof UpdateState>;

export const updatesChannels = {
  'updates:state': { input: z.strictObject({}), output: UpdateState },
  /** The agent's consent: quits and installs the downloaded version. Refused unless one is ready. */
  'updates:install': { input: z.strictObject({}), output: z.strictObject({}) },
} as const;

export const updatesEvents = {
  'updates:changed': UpdateState,
} as const;
