/**
 * Where the app keeps its cache and preferences when Electron is not there to say (browser mode, the command line):
 * the same folder Electron's `app.getPath('userData')` uses, so both modes see the same data; and keeping that folder
 * private to its owner.
 */
import fs from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { ACCOUNTS_FOLDER } from './account/account-folder';
import { productInfo } from './product-info';

export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.INBOX_USER_DATA) return env.INBOX_USER_DATA;
  const home = homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', productInfo.productName);
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), productInfo.productName);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), productInfo.productName);
}

/** Customers' names, phones and messages live here: no other local user may read or list any of it. */
export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** From now on every file and folder this process creates is owner-only, whatever mode the code creating it asked. */
export function useOwnerOnlyUmask(): void {
  if (process.platform !== 'win32') process.umask(0o077);
}

/**
 * Narrows the user-data folder and whatever inside it an earlier release, another tool or a wider umask left
 * readable by others: folders to 0700, files (every cache, outbox, WAL, journal and JSON file) to 0600. Links are
 * left as they are and never followed, so a link cannot get a file outside the folder changed. Every file directly
 * in the folder and in each account's folder is checked on every start; any other folder is entered only when it
 * was found open, since no other user can reach into a private one (Electron keeps thousands of cache files here,
 * and listing them all on every start took ~0.3 s per 10,000). Answers the paths it narrowed.
 */
export function protectUserData(dir: string): string[] {
  if (process.platform === 'win32') return [];
  const narrowed: string[] = [];
  const accounts = join(dir, ACCOUNTS_FOLDER);
  const alwaysListed = (folder: string) => folder === dir || folder === accounts || dirname(folder) === accounts;
  const visit = (path: string): void => {
    let info: fs.Stats;
    try {
      info = fs.lstatSync(path);
    } catch {
      return; // Not created yet, or gone since its folder was listed.
    }
    if (info.isSymbolicLink()) return;
    const wanted = info.isDirectory() ? PRIVATE_FOLDER_MODE : PRIVATE_FILE_MODE;
    const open = (info.mode & 0o777 & ~wanted) !== 0;
    if (open) {
      fs.chmodSync(path, info.mode & wanted);
      narrowed.push(path);
    }
    if (info.isDirectory() && (open || alwaysListed(path))) for (const name of fs.readdirSync(path)) visit(join(path, name));
  };
  visit(dir);
  return narrowed;
}

export function reportNarrowed(paths: string[]): void {
  if (paths.length > 0) console.warn(`Made ${paths.length} files and folders of the app's data private to this user.`);
}
