/** The process boundaries are enforced by lint, not by memory: each fixture breaks one and must be rejected. */
import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function lintAs(fixture: string, filePath: string): Promise<string[]> {
  const code = readFileSync(`test/fixtures/lint/${fixture}`, 'utf8');
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => `${message.ruleId ?? 'fatal'}: ${message.message}`);
}

async function restrictedImports(fixture: string, filePath: string): Promise<string[]> {
  return (await lintAs(fixture, filePath)).filter((message) => message.startsWith('no-restricted-imports'));
}

// Loading eslint's config and plugins takes seconds on a busy two-core machine.
describe('lint enforces process boundaries', { timeout: 30_000 }, () => {
  it('rejects a renderer file importing electron, node:fs or main/', async () => {
    const messages = await lintAs('renderer-imports-node.ts', 'renderer/lib/leaky.ts');
    const restricted = messages.filter((message) => message.startsWith('no-restricted-imports'));
    expect(restricted.some((message) => message.includes("'electron'"))).toBe(true);
    expect(restricted.some((message) => message.includes("'node:fs'"))).toBe(true);
    expect(restricted.some((message) => message.includes('app-services'))).toBe(true);
  });

  it('rejects a common/ file importing node:path or touching the DOM', async () => {
    const messages = await lintAs('common-uses-dom.ts', 'common/leaky.ts');
    expect(messages.some((message) => message.startsWith('no-restricted-imports') && message.includes("'node:path'"))).toBe(true);
    expect(messages.some((message) => message.startsWith('no-restricted-globals') && message.includes('document'))).toBe(true);
  });

  it('rejects electron imported by main outside main/electron/, and allows it inside', async () => {
    const outside = await lintAs('main-imports-electron.ts', 'main/cache/leaky.ts');
    expect(outside.some((message) => message.startsWith('no-restricted-imports') && message.includes("'electron'"))).toBe(true);
    const inside = await lintAs('main-imports-electron.ts', 'main/electron/window-name.ts');
    expect(inside.filter((message) => message.startsWith('no-restricted-imports'))).toEqual([]);
  });

  it('rejects a preload importing Node, main/ or any package but electron, and allows electron and common/', async () => {
    const messages = await restrictedImports('preload-imports-node.ts', 'preload/leaky.ts');
    expect(messages.some((message) => message.includes("'node:fs'"))).toBe(true);
    expect(messages.some((message) => message.includes("'zod'"))).toBe(true);
    expect(messages.some((message) => message.includes('app-services'))).toBe(true);
    expect(messages.some((message) => message.includes("'electron'") || message.includes('common/result'))).toBe(false);
  });

  it('rejects main/electron/ importing the renderer', async () => {
    const messages = await restrictedImports('main-electron-imports-renderer.ts', 'main/electron/leaky.ts');
    expect(messages.some((message) => message.includes('web-bridge'))).toBe(true);
  });

  it('rejects the sandbox importing main/ or the renderer, and allows common/', async () => {
    const messages = await restrictedImports('sandbox-imports-main.ts', 'sandbox/leaky.ts');
    expect(messages.some((message) => message.includes('main/api/client'))).toBe(true);
    expect(messages.some((message) => message.includes('renderer/lib/time'))).toBe(true);
    expect(messages.some((message) => message.includes('api-decisions'))).toBe(false);
  });

  it('accepts the real preload, Electron shell and sandbox as they are', async () => {
    const results = await eslint.lintFiles(['preload/index.ts', 'main/electron/shell.ts', 'main/electron/protocols.ts', 'sandbox/http.ts', 'sandbox/control.ts']);
    expect(results.flatMap((result) => result.messages.map((message) => `${result.filePath}: ${message.message}`))).toEqual([]);
  });

  it('accepts the real renderer entry as it is', async () => {
    const [result] = await eslint.lintFiles(['renderer/lib/inbox.ts']);
    expect(result?.messages).toEqual([]);
  });
});
