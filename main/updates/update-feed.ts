/**
 * Where the desktop app looks for updates, and the update channels' handlers. The feed is an electron-builder
 * "generic" feed (a folder of latest*.yml files and installers on a web server) named by the INBOX_UPDATE_FEED_URL
 * environment variable or by `feedUrl` in updates.json in the user-data folder; with neither, updates are off.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { fail, ok } from '../../common/result';
import type { HandlerTable } from '../ipc/handler-table';
import type { UpdateMachine } from './update-machine';

export const UPDATE_FEED_ENV = 'INBOX_UPDATE_FEED_URL';
export const UPDATE_SETTINGS_FILE = 'updates.json';

const UpdateSettings = z.object({ feedUrl: z.string() });

export type FeedResult = { feedUrl: string } | { feedUrl: undefined; problem?: string };

/** Installers are code: only an https feed (or one on this computer, for testing a feed) is ever used. */
function usableFeed(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  const local = url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost');
  if (url.protocol !== 'https:' && !local) return undefined;
  if (url.username !== '' || url.password !== '') return undefined;
  return url.href;
}

export function readUpdateFeed(userDataDir: string, env: NodeJS.ProcessEnv = process.env): FeedResult {
  const fromEnv = env[UPDATE_FEED_ENV]?.trim();
  let raw = fromEnv === '' ? undefined : fromEnv;
  let source = UPDATE_FEED_ENV;
  if (raw === undefined) {
    source = UPDATE_SETTINGS_FILE;
    let text: string;
    try {
      text = readFileSync(join(userDataDir, UPDATE_SETTINGS_FILE), 'utf8');
    } catch {
      return { feedUrl: undefined };
    }
    let parsedJson: unknown;
    try {
      parsedJson = JSON.parse(text);
    } catch {
      return { feedUrl: undefined, problem: `${UPDATE_SETTINGS_FILE} is not JSON, so updates are off.` };
    }
    const settings = UpdateSettings.safeParse(parsedJson);
    if (!settings.success) return { feedUrl: undefined, problem: `${UPDATE_SETTINGS_FILE} has no feedUrl, so updates are off.` };
    raw = settings.data.feedUrl;
  }
  const feedUrl = usableFeed(raw);
  if (feedUrl === undefined) {
    return { feedUrl: undefined, problem: `The update feed in ${source} must be an https:// URL without credentials, so updates are off.` };
  }
  return { feedUrl };
}

/** `updates:*` over the machine; without one (no feed, browser mode) the state is `off` and nothing installs. */
export function updateHandlers(machine: UpdateMachine | undefined): Pick<HandlerTable, 'updates:state' | 'updates:install'> {
  return {
    'updates:state': () => ok(machine?.state() ?? { status: 'off' }),
    'updates:install': () =>
      machine?.install() === true ? ok({}) : fail('CONFLICT', 'No downloaded update is waiting to be installed.'),
  };
}
