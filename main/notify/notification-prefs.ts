/**
 * The agent's notification preferences, kept in a small JSON file in the user-data folder like the session's
 * (main/session/prefs.ts); without a folder they live in memory. A missing or unreadable file means the defaults.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { defaultNotificationPrefs, NotificationPrefs } from '../../common/contract/notifications';
import { parseUnknown } from '../../common/parse';
import { fail, ok, type Result } from '../../common/result';
import { writeFileAtomic } from '../vault/atomic-file';

async function readPrefsFile(path: string): Promise<NotificationPrefs> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return defaultNotificationPrefs;
  }
  try {
    const parsed = parseUnknown(NotificationPrefs, JSON.parse(text), { what: 'notification preferences' });
    return parsed.ok ? parsed.value : defaultNotificationPrefs;
  } catch {
    return defaultNotificationPrefs;
  }
}

export class NotificationSettings {
  readonly #path: string | undefined;
  #prefs: NotificationPrefs = defaultNotificationPrefs;
  readonly #loaded: Promise<void>;

  /** `path` is the file; without it the preferences last as long as the app runs. */
  constructor(path?: string) {
    this.#path = path;
    this.#loaded = path === undefined ? Promise.resolve() : readPrefsFile(path).then((prefs) => void (this.#prefs = prefs));
  }

  /** The preferences as last read or set (the defaults until the file has been read). */
  current(): NotificationPrefs {
    return this.#prefs;
  }

  async load(): Promise<NotificationPrefs> {
    await this.#loaded;
    return this.#prefs;
  }

  /** Changes some preferences and saves them; the change holds for this run even when the file cannot be written. */
  async update(change: Partial<NotificationPrefs>): Promise<Result<NotificationPrefs>> {
    await this.#loaded;
    this.#prefs = {
      enabled: change.enabled ?? this.#prefs.enabled,
      showMessageText: change.showMessageText ?? this.#prefs.showMessageText,
    };
    const path = this.#path;
    if (path === undefined) return ok(this.#prefs);
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFileAtomic(path, Buffer.from(`${JSON.stringify(this.#prefs, null, 2)}\n`), 0o600);
      return ok(this.#prefs);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return fail('STORAGE', `The notification preferences could not be saved (${detail}); they hold until the app quits`);
    }
  }
}
