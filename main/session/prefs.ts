/**
 * The last account signed in to (email and service address, neither secret), kept in a small JSON file so the app
 * can sign in again at start with the password from the vault.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { parseUnknown } from '../../common/parse';
import { writeFileAtomic } from '../vault/atomic-file';

export const SessionPrefs = z.object({
  lastAccount: z.object({ email: z.string().min(1), baseUrl: z.string().min(1) }).optional(),
});
export type SessionPrefs = z.infer<typeof SessionPrefs>;

/** The file's content, or empty prefs when it is missing or unreadable (it only saves typing). */
export async function readSessionPrefs(path: string): Promise<SessionPrefs> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return {};
  }
  try {
    const parsed = parseUnknown(SessionPrefs, JSON.parse(text), { what: 'session preferences' });
    return parsed.ok ? parsed.value : {};
  } catch {
    return {};
  }
}

export async function writeSessionPrefs(path: string, prefs: SessionPrefs): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, Buffer.from(`${JSON.stringify(prefs, null, 2)}\n`), 0o600);
}
