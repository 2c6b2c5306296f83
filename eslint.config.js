/**
 * Lint, including the process boundaries the design depends on: the renderer never reaches Electron, Node or main;
 * common/ runs anywhere, so it imports none of those and no DOM; only main/electron/ and the preload import
 * 'electron'; the sandboxed preload imports nothing else but common/; main/electron/ never the renderer; the sandbox,
 * a stand-in for the real service, nothing of the app but common/.
 */
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const nodeModules = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'util', 'stream', 'events', 'worker_threads', 'better-sqlite3', 'keytar', 'electron-store', 'sharp', 'fastify'];

export const rendererBoundary = {
  patterns: [
    { group: ['electron', 'electron/*'], message: 'The renderer reaches main only through window.inbox (renderer/lib/inbox.ts).' },
    { group: nodeModules, message: 'The renderer has no Node: ask main through the contract.' },
    { group: ['**/main/**', '**/main', '**/preload/**', '**/sandbox/**'], message: 'The renderer imports only renderer/ and common/.' },
  ],
};

export const commonBoundary = {
  patterns: [
    { group: ['electron', 'electron/*'], message: 'common/ runs in every process: no Electron.' },
    { group: nodeModules, message: 'common/ runs in every process: no Node modules.' },
    { group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/sandbox/**', 'svelte', 'svelte/*'], message: 'common/ imports only common/ and plain libraries.' },
  ],
};

const mainBoundary = {
  patterns: [
    { group: ['electron', 'electron/*'], message: "Only main/electron/ imports 'electron': keep the rest testable in Node." },
    { group: ['**/renderer/**'], message: 'main never imports the renderer.' },
  ],
};

export const preloadBoundary = {
  patterns: [
    { group: nodeModules, message: 'The preload runs sandboxed: no Node modules, only electron and common/.' },
    { group: ['**/main/**', '**/main', '**/renderer/**', '**/sandbox/**'], message: 'The preload imports only electron and common/.' },
    { regex: '^(?!electron$|electron/|\\.)', message: 'The preload runs sandboxed: no packages but electron.' },
  ],
};

export const mainElectronBoundary = {
  patterns: [
    { group: ['**/renderer/**', '**/renderer', '**/preload/**'], message: 'main/electron/ never imports the renderer or the preload: they run in other processes.' },
  ],
};

export const sandboxBoundary = {
  patterns: [
    { group: ['**/main/**', '**/main', '**/renderer/**', '**/preload/**'], message: 'The sandbox stands in for the real service: it imports only sandbox/ and common/.' },
    { group: ['electron', 'electron/*'], message: 'The sandbox is a plain Node server: no Electron.' },
  ],
};

const browserGlobalsInCommon = Object.keys(globals.browser).filter((name) => !(name in globals.es2021) && !['console', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'structuredClone', 'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder', 'AbortController', 'AbortSignal', 'Blob', 'crypto', 'fetch', 'Response', 'Request', 'Headers', 'atob', 'btoa'].includes(name));

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-results/**', 'playwright-report/**', 'test/fixtures/lint/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'TSAsExpression > TSAnyKeyword', message: 'No `as any`: parse unknown instead.' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'], svelteConfig } },
  },
  {
    files: ['renderer/**/*.{ts,svelte}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', rendererBoundary] },
  },
  {
    files: ['common/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', commonBoundary],
      'no-restricted-globals': ['error', ...browserGlobalsInCommon.map((name) => ({ name, message: 'common/ runs in main too: no DOM.' })), ...['process', 'Buffer', '__dirname', 'require'].map((name) => ({ name, message: 'common/ runs in the renderer too: no Node globals.' }))],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: { 'no-restricted-imports': ['error', mainBoundary] },
  },
  {
    files: ['main/electron/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', mainElectronBoundary] },
  },
  {
    files: ['preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', preloadBoundary] },
  },
  {
    files: ['sandbox/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', sandboxBoundary] },
  },
);
