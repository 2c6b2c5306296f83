/**
 * Where the app keeps its cache and preferences when Electron is not there to say (browser mode, the command line):
 * the same folder Electron's `app.getPath('userData')` uses, so both modes see the same data.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { productInfo } from './product-info';

export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.INBOX_USER_DATA) return env.INBOX_USER_DATA;
  const home = homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', productInfo.productName);
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), productInfo.productName);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), productInfo.productName);
}
