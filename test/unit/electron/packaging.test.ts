/**
 * What ships: electron-builder.yml (read with the YAML parser electron-builder itself uses) sets every Electron
 * fuse to the value we chose, and the Node build emits a main bundle that leaves native modules to node_modules
 * and a preload that a sandboxed renderer can load (one CommonJS file needing nothing but 'electron').
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildNode } from '../../../scripts/build-node';

const BuilderConfig = z.object({
  appId: z.string(),
  productName: z.string(),
  asar: z.boolean(),
  files: z.array(z.string()),
  asarUnpack: z.array(z.string()),
  linux: z.object({ target: z.array(z.string()) }),
  mac: z.object({ target: z.string() }),
  win: z.object({ target: z.string() }),
  electronFuses: z.record(z.string(), z.boolean()),
});

const builderYml = new URL('../../../electron-builder.yml', import.meta.url);
const config = BuilderConfig.parse(load(await readFile(builderYml, 'utf8')));

describe('electron-builder.yml', () => {
  it('names the app and builds AppImage, deb, dmg and nsis from out/ in an asar', () => {
    expect(config).toMatchObject({ appId: 'com.twoway.inbox', productName: '2-Way Inbox', asar: true });
    expect(config.files).toEqual(['out/**', 'package.json']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect([config.mac.target, config.win.target]).toEqual(['dmg', 'nsis']);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('sets every fuse explicitly to the intended value', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});

describe('the Node build', () => {
  let outDir: string;
  let preload: string;
  let main: string;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'inbox-build-'));
    await buildNode({ mainOutdir: join(outDir, 'main'), preloadOutfile: join(outDir, 'preload', 'index.cjs') });
    preload = await readFile(join(outDir, 'preload', 'index.cjs'), 'utf8');
    main = await readFile(join(outDir, 'main', 'index.js'), 'utf8');
  });
  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it('bundles the preload into one CommonJS file that requires only electron', async () => {
    expect(await readdir(join(outDir, 'preload'))).toEqual(['index.cjs', 'index.cjs.map']);
    expect([...new Set(preload.match(/require\("[^"]+"\)/g))]).toEqual(['require("electron")']);
    expect(preload).not.toMatch(/^\s*import\s/m);
    expect(preload).toContain('exposeInMainWorld("inbox"');
  });

  it('bundles main as ESM that loads electron and the native modules from outside the bundle', () => {
    expect(main).toMatch(/^import .* from "electron";$/m);
    expect(main).toMatch(/^import Store from "electron-store";$/m);
    expect(main).toContain('import("keytar")');
    expect(main).not.toMatch(/\brequire\(/);
  });
});
