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

  it('accepts the real renderer entry as it is', async () => {
    const [result] = await eslint.lintFiles(['renderer/lib/inbox.ts']);
    expect(result?.messages).toEqual([]);
  });
});
