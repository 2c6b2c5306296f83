/**
 * Bundles the Node side with esbuild: the Electron main process (ESM, dependencies left to node_modules, where
 * native modules must stay) and the preload (one CommonJS file with everything inlined but 'electron', because a
 * sandboxed preload cannot load other modules). The renderer is built by Vite first (see package.json `build`).
 */
import { build, type BuildOptions } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export const mainOptions: BuildOptions = {
  absWorkingDir: root,
  entryPoints: { index: 'main/electron/main.ts' },
  outdir: 'out/main',
  // Code main imports lazily (the embedded sandbox) becomes its own chunk, loaded only when it is asked for.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  // Every package stays in node_modules: native ones (better-sqlite3, keytar, sharp) cannot be bundled, and
  // electron-store must load Electron's own 'electron'. product-info.ts finds package.json from out/main too.
  packages: 'external',
  external: ['electron'],
  sourcemap: 'linked',
  logLevel: 'warning',
};

export const preloadOptions: BuildOptions = {
  absWorkingDir: root,
  entryPoints: ['preload/index.ts'],
  outfile: 'out/preload/index.cjs',
  bundle: true,
  platform: 'browser',
  format: 'cjs',
  target: 'chrome140',
  external: ['electron'],
  sourcemap: 'linked',
  logLevel: 'warning',
};

export async function buildNode(overrides: { mainOutdir?: string; preloadOutfile?: string } = {}): Promise<void> {
  await Promise.all([
    build({ ...mainOptions, outdir: overrides.mainOutdir ?? mainOptions.outdir }),
    build({ ...preloadOptions, outfile: overrides.preloadOutfile ?? preloadOptions.outfile }),
  ]);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildNode();
}
