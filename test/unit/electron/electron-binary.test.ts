/** How `npm test` decides whether the Electron end-to-end suite can run: an installed binary, found without loading the package. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installedElectronBinary, NOT_INSTALLED_LINE } from '../../e2e-electron/electron-binary';

const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

async function projectWith(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'inbox-electron-binary-'));
  roots.push(root);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), content);
  }
  return root;
}

describe('installedElectronBinary', () => {
  it('finds the binary the electron package recorded in path.txt', async () => {
    const root = await projectWith({ 'node_modules/electron/path.txt': 'electron', 'node_modules/electron/dist/electron': '' });
    expect(installedElectronBinary(root, {})).toBe(join(root, 'node_modules', 'electron', 'dist', 'electron'));
  });

  it('finds none when the package is there but its download never happened', async () => {
    expect(installedElectronBinary(await projectWith({ 'node_modules/electron/package.json': '{}' }), {})).toBeUndefined();
    const recordedButGone = await projectWith({ 'node_modules/electron/path.txt': 'electron' });
    expect(installedElectronBinary(recordedButGone, {})).toBeUndefined();
  });

  it('has one line for npm test to say the suite was not run and where its scenarios did run', () => {
    expect(NOT_INSTALLED_LINE).not.toContain('\n');
    expect(NOT_INSTALLED_LINE).toMatch(/not run: no Electron binary is installed.*ran in browser mode/);
  });
});
