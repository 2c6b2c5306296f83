/**
 * electron-updater's autoUpdater wired to the update machine (main/updates/update-machine.ts): a generic feed from
 * configuration, nothing downloaded or installed behind the machine's back, and its events (whose payloads are read
 * as unknown) fed in. The machine's state reaches the renderer as `updates:changed`.
 */
import { z } from 'zod';
import type { UpdateState } from '../../common/contract/updates';
import { UpdateMachine } from '../updates/update-machine';

/** The part of electron-updater's AppUpdater this uses (main.ts passes the real one; tests a fake). */
export interface AutoUpdater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-available' | 'update-not-available' | 'download-progress' | 'update-downloaded' | 'error', listener: (payload: unknown) => void): unknown;
}

const VersionInfo = z.object({ version: z.string().min(1).max(64) });
const Progress = z.object({ percent: z.number() });

export function connectAutoUpdater(
  autoUpdater: AutoUpdater,
  feedUrl: string,
  onChange: (state: UpdateState) => void,
): UpdateMachine {
  // The machine decides when to download, and only the agent's consent installs: never on quit by itself.
  autoUpdater.autoDownload = false;
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.setFeedURL({ provider: 'generic', url: feedUrl });
  const machine = new UpdateMachine({
    onChange,
    updater: {
      check: () => autoUpdater.checkForUpdates(),
      download: () => autoUpdater.downloadUpdate(),
      install: () => autoUpdater.quitAndInstall(false, true),
    },
  });
  const versionOf = (info: unknown) => VersionInfo.safeParse(info).data?.version ?? 'a new version';
  autoUpdater.on('update-available', (info) => machine.onAvailable(versionOf(info)));
  autoUpdater.on('update-not-available', () => machine.onNotAvailable());
  autoUpdater.on('download-progress', (progress) => {
    const parsed = Progress.safeParse(progress);
    if (parsed.success) machine.onProgress(parsed.data.percent);
  });
  autoUpdater.on('update-downloaded', (info) => machine.onDownloaded(versionOf(info)));
  autoUpdater.on('error', (error) => machine.onError(error));
  return machine;
}
