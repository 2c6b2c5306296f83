/**
 * The sync line when the service keeps failing: it names the last error and counts down to the next try by the
 * second, instead of a green "Updated 1 min ago" while every look gets a 503.
 */
import { render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncStatus } from '../../../common/contract/sync';
import SyncLine from '../../../renderer/features/sync/SyncLine.svelte';
import { expectAccessible } from './accessibility';
import { fixedNow } from './fixtures';

const unavailable = { code: 'SERVER', message: 'The service answered HTTP 503', retryable: true } as const;

function renderLine(status: SyncStatus) {
  return render(SyncLine, { status, freshness: undefined, now: fixedNow, refreshing: false, onSyncNow: () => undefined });
}

describe('sync line while the service fails', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(fixedNow);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('says what failed, when it last worked, and counts down to the next try', () => {
    renderLine({ state: 'failing', lastSyncedAt: fixedNow - 70_000, lastError: unavailable, retryAt: fixedNow + 15_000 });
    expectAccessible();
    const line = screen.getByText(/^Sync failed:/);
    expect(line).toHaveTextContent('Sync failed: The service had a problem on its side. Trying again in 15 s. Updated 1 min ago.');

    vi.advanceTimersByTime(5_000);
    flushSync();
    expect(line).toHaveTextContent('Trying again in 10 s.');

    vi.advanceTimersByTime(10_000);
    flushSync();
    expect(line).toHaveTextContent('Trying again now…');
  });

  it('counts minutes too, offline and when slowed down', () => {
    const { rerender } = renderLine({
      state: 'offline',
      lastError: { code: 'NETWORK', message: 'ECONNRESET', retryable: true },
      retryAt: fixedNow + 125_000,
    });
    expect(screen.getByText(/^Offline:/)).toHaveTextContent("Offline: Can't reach the service. Check the connection and the service URL. Trying again in 2 min 5 s.");

    rerender({ status: { state: 'rate-limited', retryAt: fixedNow + 30_000 } });
    flushSync();
    expect(screen.getByText(/slow down/)).toHaveTextContent('The service asked us to slow down. Trying again in 30 s.');
  });

  it('goes back to how fresh the list is once a look succeeds', () => {
    const { rerender } = renderLine({ state: 'failing', lastError: unavailable, retryAt: fixedNow + 15_000 });
    rerender({ status: { state: 'online', lastSyncedAt: fixedNow } });
    flushSync();
    expect(screen.getByText('Updated just now')).toBeInTheDocument();
    expect(screen.queryByText(/Sync failed/)).not.toBeInTheDocument();
  });
});
