import { describe, expect, it } from 'vitest';
import { createAppServices } from '../../../main/app-services';
import { createDispatch } from '../../../main/ipc/handler-table';

describe('vault:status over the contract', () => {
  it('reports a memory vault, with its reason, when main was given no user-data folder', async () => {
    const services = await createAppServices({ mode: 'browser' });
    const dispatch = createDispatch(services.handlers);
    expect(await dispatch('vault:status', {})).toEqual({
      ok: true,
      value: { backend: 'memory', persistent: false, reason: expect.stringContaining('No user-data folder') },
    });
    await services.close();
  });
});
