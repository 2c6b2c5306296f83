/**
 * A window that connects after main announced something (browser mode: the page opens its event stream after main
 * opened the account's data and found the cache damaged; a reload) still shows it: the notices main kept are read
 * at start, shown once even when the same notice also arrives as an event, and a dismissal is passed on to main.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { AppNotice } from '../../../common/contract/app';
import App from '../../../renderer/App.svelte';
import type { Result } from '../../../common/result';
import { deferred, FakeBridge, ok } from './fake-bridge';

const rebuilt: AppNotice = {
  level: 'warning',
  message:
    'The local inbox data was damaged and has been rebuilt; it refills from the server. 3 unsent messages and 2 drafts were kept. ' +
    'The old file is kept as /data/cache.sqlite.corrupt-2026-12-06T10-00-00-000Z.',
};

function bridgeKeeping(kept: AppNotice[]): FakeBridge {
  return new FakeBridge({
    'app:info': () => ok({ name: '2-Way Inbox', version: '1.0.0', mode: 'browser', platform: 'linux' }),
    'session:status': () => ok({ state: 'signed-in', email: 'ana@example.com', baseUrl: 'https://omni.mmdsmart.com', isSandbox: false }),
    'vault:status': () => ok({ backend: 'keychain', persistent: true }),
    'customers:page': () => ok({ items: [], freshness: { lastSyncedAt: null } }),
    'inbox:unread': () => ok({ messages: 0, conversations: 0, byChannel: {} }),
    'app:notices': () => ok({ notices: kept }),
    'app:dismiss-notice': () => ok({}),
  });
}

describe('notices sent before the window listened', () => {
  it('shows the rebuilt-cache warning with what was kept, read from main at start', async () => {
    render(App, { bridge: bridgeKeeping([rebuilt]) });
    const polite = screen.getByRole('status', { name: 'Notices' });
    await waitFor(() => expect(polite).toHaveTextContent('3 unsent messages and 2 drafts were kept'));
  });

  it('shows a notice once when it arrives both as an event and among the kept ones', async () => {
    const bridge = bridgeKeeping([]);
    const answer = deferred<Result<{ notices: AppNotice[] }>>();
    bridge.answer('app:notices', () => answer.promise);
    render(App, { bridge });
    await waitFor(() => expect(bridge.inputsOf('app:notices')).toHaveLength(1));
    bridge.emit('app:notice', rebuilt);
    bridge.emit('app:notice', { level: 'warning', message: 'Sending is paused.' });
    answer.resolve(ok({ notices: [rebuilt] }));
    const polite = screen.getByRole('status', { name: 'Notices' });
    await waitFor(() => expect(polite).toHaveTextContent('Sending is paused.'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(screen.getAllByRole('button', { name: `Dismiss: ${rebuilt.message}` })).toHaveLength(1);
  });

  it('tells main when the agent dismisses it, so a later window does not show it again', async () => {
    const bridge = bridgeKeeping([rebuilt]);
    render(App, { bridge });
    await fireEvent.click(await screen.findByRole('button', { name: `Dismiss: ${rebuilt.message}` }));
    expect(bridge.inputsOf('app:dismiss-notice')).toEqual([rebuilt]);
    expect(screen.queryByText(/unsent messages and 2 drafts were kept/)).not.toBeInTheDocument();
  });
});
