/** The about panel tells the agent which build and mode they are running, or why main could not say. */
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import AboutPanel from '../../../renderer/features/app-info/AboutPanel.svelte';
import { expectAccessible } from './accessibility';

describe('AboutPanel', () => {
  it('passes the accessibility check', () => {
    render(AboutPanel, { info: { name: '2-Way Inbox', version: '1.2.3', mode: 'browser', platform: 'linux' }, error: undefined });
    expectAccessible();
  });

  it('shows the version and the mode in words', () => {
    render(AboutPanel, { info: { name: '2-Way Inbox', version: '1.2.3', mode: 'browser', platform: 'linux' }, error: undefined });
    expect(screen.getByRole('region', { name: 'About this app' })).toBeInTheDocument();
    expect(screen.getByTestId('app-version')).toHaveTextContent('1.2.3');
    expect(screen.getByTestId('app-mode')).toHaveTextContent('browser mode');
  });

  it('says plainly when main could not be reached', () => {
    render(AboutPanel, {
      info: undefined,
      error: { code: 'NETWORK', message: 'The host is not answering', retryable: true },
    });
    expect(screen.getByRole('alert')).toHaveTextContent('The host is not answering');
  });

  it('shows a busy state while loading', () => {
    render(AboutPanel, { info: undefined, error: undefined });
    expect(screen.getByText('Loading…')).toHaveAttribute('aria-busy', 'true');
  });
});
