/**
 * Where the Electron binary the `electron` package installed is, without loading that package (which, without a
 * binary, tries to download one). Undefined where none is installed, as on machines with no network at install.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function installedElectronBinary(projectRoot: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const packageDir = join(projectRoot, 'node_modules', 'electron');
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  let relative: string;
  try {
    relative = readFileSync(join(packageDir, 'path.txt'), 'utf8').trim();
  } catch {
    return undefined;
  }
  const binary = join(distDir, relative);
  return relative !== '' && existsSync(binary) ? binary : undefined;
}

export const NOT_INSTALLED_LINE =
  'Electron end-to-end tests not run: no Electron binary is installed (node_modules/electron has none); the same scenarios ran in browser mode above.';
