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
} as const;

export const appEvents = {
  'app:notice': AppNotice,
} as const;
