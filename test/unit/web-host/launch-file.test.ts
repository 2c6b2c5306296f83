/** Browser mode opens the browser through a private file, so the launch link never sits on a command line. */
import { mkdtempSync, readFileSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFileCommand, writeLaunchFile } from '../../../main/web-host/launch-file';

const token = 'one-time-token-0123456789';
const launchUrl = `http://0123abcd.localhost:4000/?launch=${token}`;

describe('launch file', () => {
  it('holds a page forwarding to the link, readable by this user only', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'launch-file-'));
    const file = await writeLaunchFile(launchUrl, parent);
    expect(statSync(file.path).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(file.path)).mode & 0o777).toBe(0o700);
    expect(readFileSync(file.path, 'utf8')).toContain(`<meta http-equiv="refresh" content="0;url=${launchUrl}">`);
    file.remove();
    expect(existsSync(dirname(file.path))).toBe(false);
  });

  it('opens the file, so no command line carries the link or its token', async () => {
    const file = await writeLaunchFile(launchUrl);
    try {
      for (const platform of ['linux', 'darwin', 'win32'] as const) {
        const { command, args } = openFileCommand(file.path, platform);
        expect([command, ...args].join(' ')).not.toContain(token);
        expect(args.join(' ')).toContain('open-2-way-inbox.html');
      }
    } finally {
      file.remove();
    }
  });
});
