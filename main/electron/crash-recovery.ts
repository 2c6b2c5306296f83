/**
 * A renderer that crashed or hung is not the end of the session: the agent is told what happened, that drafts and
 * unsent messages are safe (they live in main, which did not crash), and the page is reloaded. A crash is recorded
 * in the crash log; a hang may also be waited out.
 */
import { dialog, type BrowserWindow } from 'electron';
import type { CrashLog } from '../crash-log';

export const CRASH_MESSAGE = 'The 2-Way Inbox window stopped working.';
export const HANG_MESSAGE = 'The 2-Way Inbox window is not responding.';
export const KEPT_DETAIL = 'Your drafts and unsent messages are kept. Reloading the window brings them back.';

export function recoverFromRendererFailures(window: BrowserWindow, log: CrashLog): void {
  let asking = false;
  /** Set while we end a hung renderer ourselves, so its exit is not reported as a second failure. */
  let endingHungRenderer = false;
  const ask = async (message: string, buttons: string[], reloadButton: number, reload: () => void) => {
    if (asking || window.isDestroyed()) return;
    asking = true;
    try {
      const { response } = await dialog.showMessageBox(window, {
        type: 'error',
        message,
        detail: KEPT_DETAIL,
        buttons,
        defaultId: reloadButton,
        noLink: true,
      });
      if (response === reloadButton && !window.isDestroyed()) reload();
    } finally {
      asking = false;
    }
  };
  window.webContents.on('render-process-gone', (_event, details: { reason: string; exitCode?: number }) => {
    if (endingHungRenderer && details.reason === 'killed') {
      endingHungRenderer = false;
      return;
    }
    // A clean exit is the window closing, not a crash.
    if (details.reason === 'clean-exit') return;
    log.record(`Renderer gone: ${details.reason} (exit code ${String(details.exitCode ?? 'unknown')})`, new Error(details.reason));
    void ask(CRASH_MESSAGE, ['Reload'], 0, () => window.webContents.reload());
  });
  window.on('unresponsive', () => {
    void ask(HANG_MESSAGE, ['Wait', 'Reload'], 1, () => {
      // A hung page cannot run its own unload: end its process first, then load the page afresh.
      endingHungRenderer = true;
      window.webContents.forcefullyCrashRenderer();
      window.webContents.reload();
    });
  });
}
