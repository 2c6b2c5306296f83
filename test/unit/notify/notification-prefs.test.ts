/** The notification preferences: defaults, a change kept across restarts, and a damaged file read as the defaults. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotificationSettings } from '../../../main/notify/notification-prefs';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'notification-prefs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('notification preferences', () => {
  it('start with notifications on, quoting the message', async () => {
    expect(await new NotificationSettings(join(dir, 'notifications.json')).load()).toEqual({ enabled: true, showMessageText: true });
  });

  it('keep a change across restarts, leaving the other preference as it was', async () => {
    const file = join(dir, 'notifications.json');
    const changed = await new NotificationSettings(file).update({ showMessageText: false });
    expect(changed).toEqual({ ok: true, value: { enabled: true, showMessageText: false } });
    expect(await new NotificationSettings(file).load()).toEqual({ enabled: true, showMessageText: false });
  });

  it('read a malformed JSON file as the defaults', async () => {
    const file = join(dir, 'notifications.json');
    await writeFile(file, '{"enabled": fal');
    expect(await new NotificationSettings(file).load()).toEqual({ enabled: true, showMessageText: true });
  });

  it('answer STORAGE when the file cannot be written, and still hold the change for this run', async () => {
    await writeFile(join(dir, 'not-a-folder'), '');
    const settings = new NotificationSettings(join(dir, 'not-a-folder', 'notifications.json'));
    const changed = await settings.update({ enabled: false });
    expect(changed.ok ? undefined : changed.error.code).toBe('STORAGE');
    expect(settings.current().enabled).toBe(false);
  });
});
