/** "Try it without an account" end to end: the embedded sandbox starts, the demo account signs in, nothing is saved. */
import { afterEach, describe, expect, it } from 'vitest';
import { SessionProfile } from '../../../common/contract/session';
import { createAppServices, type AppServices } from '../../../main/app-services';
import { createDispatch } from '../../../main/ipc/handler-table';

let services: AppServices | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
});

describe('session:try-sandbox', () => {
  it('starts the embedded sandbox, signs in to the demo account and serves real data; sign-out stops it', async () => {
    services = await createAppServices({ mode: 'browser' });
    const dispatch = createDispatch(services.handlers);
    const profile = await dispatch('session:try-sandbox', {});
    expect(profile).toMatchObject({ ok: true, value: { email: 'agent@demo.2way.test', isSandbox: true } });
    if (!profile.ok) return;
    const { baseUrl } = SessionProfile.parse(profile.value);
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const customers = await services.session.call('customers.list', { query: { limit: 3 } });
    expect(customers.ok && customers.value.customers).toHaveLength(3);

    await dispatch('session:sign-out', {});
    await expect.poll(async () => {
      try {
        await fetch(`${baseUrl}/api/auth`, { method: 'POST' });
        return 'still running';
      } catch {
        return 'stopped';
      }
    }).toBe('stopped');
  });
});
