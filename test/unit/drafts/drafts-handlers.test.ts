/**
 * The drafts channels through the handler table's choke point: a draft is kept per customer, read back, listed
 * newest first, removed when emptied, announced once per real change, and refused for a customer the account lacks.
 */
import { describe, expect, it } from 'vitest';
import type { EventName } from '../../../common/contract';
import { draftsHandlers } from '../../../main/drafts/drafts-handlers';
import { EventBus } from '../../../main/ipc/event-bus';
import { createDispatch, type HandlerTable } from '../../../main/ipc/handler-table';
import { customer, minute, t0, testCache, unwrap } from '../cache/fixtures';

function draftsOver(now: () => number = () => t0) {
  const { cache } = testCache({ memory: true, now });
  unwrap(cache.upsertCustomers([customer(1), customer(2), customer(3)]));
  const events = new EventBus();
  const emitted: { event: EventName; payload: unknown }[] = [];
  events.subscribe((event, payload) => emitted.push({ event, payload }));
  // Only the drafts channels are under test; the rest of the table is never called here.
  const dispatch = createDispatch(draftsHandlers(cache, events) as HandlerTable);
  return { cache, dispatch, emitted };
}

describe('drafts channels', () => {
  it('keeps a draft per customer and reads it back', async () => {
    const { dispatch } = draftsOver();
    expect(await dispatch('drafts:get', { customerId: 'customer-0001' })).toEqual({ ok: true, value: null });
    expect(await dispatch('drafts:save', { customerId: 'customer-0001', text: 'Your refund is on its way' })).toEqual({ ok: true, value: {} });
    expect(await dispatch('drafts:get', { customerId: 'customer-0001' })).toEqual({
      ok: true,
      value: { customerId: 'customer-0001', text: 'Your refund is on its way', updatedAt: t0 },
    });
    expect(await dispatch('drafts:get', { customerId: 'customer-0002' })).toEqual({ ok: true, value: null });
  });

  it('lists every kept draft, newest first, and forgets one saved empty', async () => {
    let now = t0;
    const { dispatch } = draftsOver(() => now);
    unwrap(await dispatch('drafts:save', { customerId: 'customer-0001', text: 'First' }));
    now = t0 + minute;
    unwrap(await dispatch('drafts:save', { customerId: 'customer-0003', text: 'Second' }));
    expect(await dispatch('drafts:list', {})).toEqual({
      ok: true,
      value: {
        drafts: [
          { customerId: 'customer-0003', text: 'Second', updatedAt: t0 + minute },
          { customerId: 'customer-0001', text: 'First', updatedAt: t0 },
        ],
      },
    });
    unwrap(await dispatch('drafts:save', { customerId: 'customer-0003', text: '' }));
    expect(await dispatch('drafts:list', {})).toEqual({ ok: true, value: { drafts: [{ customerId: 'customer-0001', text: 'First', updatedAt: t0 }] } });
  });

  it('announces each change once, and nothing when the same words are saved again', async () => {
    const { dispatch, emitted } = draftsOver();
    unwrap(await dispatch('drafts:save', { customerId: 'customer-0002', text: 'Half a thought' }));
    unwrap(await dispatch('drafts:save', { customerId: 'customer-0002', text: 'Half a thought' }));
    unwrap(await dispatch('drafts:save', { customerId: 'customer-0002', text: '' }));
    unwrap(await dispatch('drafts:save', { customerId: 'customer-0002', text: '' }));
    expect(emitted).toEqual([
      { event: 'drafts:changed', payload: { customerId: 'customer-0002', draft: { customerId: 'customer-0002', text: 'Half a thought', updatedAt: t0 } } },
      { event: 'drafts:changed', payload: { customerId: 'customer-0002', draft: null } },
    ]);
  });

  it('refuses a draft for a customer this account does not have, keeping nothing', async () => {
    const { dispatch, emitted } = draftsOver();
    const refused = await dispatch('drafts:save', { customerId: 'customer-9999', text: 'Hello?' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'customerId' } });
    expect(await dispatch('drafts:list', {})).toEqual({ ok: true, value: { drafts: [] } });
    expect(emitted).toEqual([]);
  });

  it('refuses input outside the contract before the cache sees it', async () => {
    const { dispatch } = draftsOver();
    expect(await dispatch('drafts:save', { customerId: 'customer-0001' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await dispatch('drafts:save', { customerId: 'customer-0001', text: 'x'.repeat(100_001) })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await dispatch('drafts:list', {})).toEqual({ ok: true, value: { drafts: [] } });
  });
});
