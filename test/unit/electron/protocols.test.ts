/** The desktop app's `app://inbox/` scheme serves the built renderer and nothing a link in it leads to. */
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serveRenderer } from '../../../main/electron/protocols';

describe('app:// renderer files', () => {
  it('serves files of the folder and refuses a link leading outside it', async () => {
    const rendererDir = mkdtempSync(join(tmpdir(), 'renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>2-Way Inbox</title>');
    const outside = mkdtempSync(join(tmpdir(), 'outside-'));
    writeFileSync(join(outside, 'private.js'), 'secret-contents');
    symlinkSync(join(outside, 'private.js'), join(rendererDir, 'linked.js'));

    expect((await serveRenderer(new Request('app://inbox/'), rendererDir)).status).toBe(200);
    const linked = await serveRenderer(new Request('app://inbox/linked.js'), rendererDir);
    expect(linked.status).toBe(404);
    expect(await linked.text()).not.toContain('secret-contents');
  });
});
