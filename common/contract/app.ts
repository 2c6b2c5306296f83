/** Channels and events about the application itself. */
import { z } from 'zod';

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  mode: z.enum(['electron', 'browser']),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** Something main wants the agent to know that is not tied to one request (a rebuilt cache, a keychain fallback). */
export const AppNotice = z.object({
  level: z.enum(['info', 'warning', 'error']),
  message: z.string(),
});
export type AppNotice = z.infer<typeof AppNotice>;

export const appChannels = {
  'app:info': { input: z.object({}).strict(), output: AppInfo },
  /**
   * The warnings and errors main announced this run and the agent has not dismissed: a window that connects after
   * they were sent (browser mode's page opens its event stream after main opened the account's data; a reload)
   * reads them at start.
   */
  'app:notices': { input: z.object({}).strict(), output: z.object({ notices: z.array(AppNotice) }) },
  /** The agent dismissed a notice: windows that connect later no longer show it. */
  'app:dismiss-notice': { input: AppNotice.strict(), output: z.object({}) },
} as const;

export const appEvents = {
  'app:notice': AppNotice,
} as const;
