/**
 * What ships: electron-builder.yml (read with the YAML parser electron-builder itself uses) is valid against
 * electron-builder's own JSON schema (checked with ajv), builds every installer the
 * README promises, keeps native modules outside the asar, sets every Electron fuse to the value we chose, and its
 * icons all come from build/icon.svg; the Node build emits a main bundle that leaves native modules to node_modules
 * and a preload that a sandboxed renderer can load (one CommonJS file needing nothing but 'electron').
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildNode } from '../../../scripts/build-node';
import { LINUX_ICON_SIZES, makeIcons } from '../../../scripts/make-icons';

const BuilderConfig = z.object({
  appId: z.string(),
  productName: z.string(),
  asar: z.boolean(),
  files: z.array(z.string()),
  asarUnpack: z.array(z.string()),
  npmRebuild: z.boolean(),
  buildDependenciesFromSource: z.boolean(),
  protocols: z.array(z.object({ schemes: z.array(z.string()) })),
  icon: z.string(),
  linux: z.object({ target: z.array(z.string()), icon: z.string() }),
  mac: z.object({ target: z.array(z.string()), notarize: z.boolean(), hardenedRuntime: z.boolean() }),
  win: z.object({ target: z.array(z.string()) }),
  electronFuses: z.record(z.string(), z.boolean()),
});

const builderYml = new URL('../../../electron-builder.yml', import.meta.url);
const rawConfig: unknown = load(await readFile(builderYml, 'utf8'));
const config = BuilderConfig.parse(rawConfig);
const builderSchema: unknown = JSON.parse(
  await readFile(new URL('../../../node_modules/app-builder-lib/scheme.json', import.meta.url), 'utf8'),
);

if (typeof builderSchema !== 'object' || builderSchema === null) throw new Error('scheme.json is not an object');
// Compiled once, at load: the schema is large, and compiling it is no part of any test's work.
const validate = new Ajv({ allErrors: true, strict: false }).compile(builderSchema);

function validateAgainstBuilderSchema(candidate: unknown): string[] {
  return validate(candidate) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own schema", () => {
    expect(validateAgainstBuilderSchema(rawConfig)).toEqual([]);
  });

  it('is checked by a validator that refuses what electron-builder would refuse', () => {
    const misspelt = { ...(rawConfig as object), electronFuses: { ...config.electronFuses, runAsnode: false } };
    expect(validateAgainstBuilderSchema(misspelt)).not.toEqual([]);
    expect(validateAgainstBuilderSchema({ ...(rawConfig as object), mac: { target: 'pkgg' } })).not.toEqual([]);
  });

  it('names the app and builds AppImage and deb, dmg and zip, and nsis from out/ in an asar', () => {
    expect(config).toMatchObject({ appId: 'com.twoway.inbox', productName: '2-Way Inbox', asar: true });
    expect(config.files).toEqual(['out/**', 'package.json', 'resources/tray-icon*.png']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg', 'zip']);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('notarizes macOS builds with credentials from the environment only', async () => {
    expect(config.mac).toMatchObject({ notarize: true, hardenedRuntime: true });
    expect(await readFile(builderYml, 'utf8')).not.toMatch(/APPLE_[A-Z_]+\s*:/);
  });

  it('keeps the native modules out of the asar and rebuilds them for Electron', () => {
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining(['**/*.node', 'node_modules/better-sqlite3/**', 'node_modules/keytar/**', 'node_modules/sharp/**']),
    );
    expect(config).toMatchObject({ npmRebuild: true, buildDependenciesFromSource: false });
  });

  it('registers the twoway-inbox:// scheme the deep links use', () => {
    expect(config.protocols.flatMap((protocol) => protocol.schemes)).toEqual(['twoway-inbox']);
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
      resetAdHocDarwinSignature: false,
    });
  });
});

describe('the icons', () => {
  let iconDir: string;
  beforeAll(async () => {
    iconDir = await mkdtemp(join(tmpdir(), 'inbox-icons-'));
  });
  afterAll(async () => {
    await rm(iconDir, { recursive: true, force: true });
  });

  it('are all rendered from build/icon.svg at the sizes each platform asks for', async () => {
    const written = await makeIcons({
      source: fileURLToPath(new URL('../../../build/icon.svg', import.meta.url)),
      buildDir: join(iconDir, 'build'),
      resourcesDir: join(iconDir, 'resources'),
    });
    expect(written).toHaveLength(LINUX_ICON_SIZES.length + 3);
    const sizes = await Promise.all(written.map(async (file) => (await sharp(file).metadata()).width));
    expect(sizes).toEqual([1024, ...LINUX_ICON_SIZES, 16, 32]);
    expect(config.icon).toBe('build/icon.png');
    expect(config.linux.icon).toBe('build/icons');
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
