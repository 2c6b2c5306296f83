/**
 * The update notice: nothing while there is no downloaded update, "Update ready — Restart to install" once main has
 * one (read at start or announced), the restart only when the agent presses it, and a refused signature said plainly.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { UpdateState } from '../../../common/contract/updates';
import { fail } from '../../../common/result';
import App from '../../../renderer/App.svelte';
import { FakeBridge, ok } from './fake-bridge';

function bridgeWith(update: UpdateState): FakeBridge {
  return new FakeBridge({
    'app:info': () => ok({ name: '2-Way Inbox', version: '1.0.0', mode: 'electron', platform: 'linux' }),
    'session:status': () => ok({ state: 'signed-out', rememberedAccounts: [] }),
    'vault:status': () => ok({ backend: 'keychain', persistent: true }),
    'app:notices': () => ok({ notices: [] }),
    'updates:state': () => ok(update),
    'updates:install': () => ok({}),
  });
}

describe('the update notice', () => {
  it('is absent while no update is downloaded', async () => {
    const bridge = bridgeWith({ status: 'downloading', version: '1.1.0', percent: 40 });
    render(App, { bridge });
    await waitFor(() => expect(bridge.inputsOf('updates:state')).toHaveLength(1));
    expect(screen.queryByRole('button', { name: 'Restart to install' })).toBeNull();
  });

  it('offers the restart for a downloaded update and installs only when pressed', async () => {
    const bridge = bridgeWith({ status: 'ready', version: '1.1.0' });
    render(App, { bridge });
    const restart = await screen.findByRole('button', { name: 'Restart to install' });
    expect(screen.getByRole('region', { name: 'Update' })).toHaveTextContent('Update ready — version 1.1.0');
    expect(bridge.inputsOf('updates:install')).toEqual([]);
    await fireEvent.click(restart);
    expect(bridge.inputsOf('updates:install')).toEqual([{}]);
  });

  it('appears when main announces a finished download, and says why a restart was refused', async () => {
    const bridge = bridgeWith({ status: 'idle' });
    bridge.answer('updates:install', () => fail('CONFLICT', 'No downloaded update is waiting to be installed.'));
    render(App, { bridge });
    await waitFor(() => expect(bridge.inputsOf('updates:state')).toHaveLength(1));
    bridge.emit('updates:changed', { status: 'ready', version: '1.2.0' });
    await fireEvent.click(await screen.findByRole('button', { name: 'Restart to install' }));
    expect(await screen.findByText('No downloaded update is waiting to be installed.')).toBeInTheDocument();
  });

  it('says a download with a bad signature was discarded', async () => {
    const message = 'The downloaded update is not signed by the 2-Way Inbox publisher, so it was discarded.';
    render(App, { bridge: bridgeWith({ status: 'error', kind: 'signature', message }) });
    expect(await screen.findByText(message)).toBeInTheDocument();
  });
});
