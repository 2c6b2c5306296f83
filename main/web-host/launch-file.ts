/**
 * Hands the launch link to the system browser without putting it on a command line, where every local user could
 * read it in `ps` for as long as the browser runs: the command names a private file (its folder 0700, itself 0600)
 * holding a page that forwards to the link. The link's token is one-time and short-lived besides, so the file is
 * worthless once the page opened or a minute passed, and it is removed then.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface LaunchFile {
  readonly path: string;
  /** Synchronous, so it can run in an `exit` handler. */
  remove(): void;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

export async function writeLaunchFile(launchUrl: string, parent = tmpdir()): Promise<LaunchFile> {
  const folder = await mkdtemp(join(parent, 'two-way-inbox-'));
  const path = join(folder, 'open-2-way-inbox.html');
  const page = [
    '<!doctype html>',
    `<meta http-equiv="refresh" content="0;url=${escapeAttribute(launchUrl)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<title>Opening 2-Way Inbox…</title>',
    '',
  ].join('\n');
  await writeFile(path, page, { mode: 0o600, flag: 'wx' });
  return { path, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/** The command that opens a local file in the user's browser; its arguments name the file, never the link. */
export function openFileCommand(path: string, platform: NodeJS.Platform = process.platform): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [path] };
  if (platform === 'win32') return { command: 'explorer', args: [path] };
  return { command: 'xdg-open', args: [pathToFileURL(path).href] };
}
