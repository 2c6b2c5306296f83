/** The handler table covers the whole contract, and the choke point guards both directions. */
import { describe, expect, it } from 'vitest';
import { channelNames } from '../../../common/contract';
import { createAppServices } from '../../../main/app-services';
import { createDispatch, type HandlerTable } from '../../../main/ipc/handler-table';
import { ok } from '../../../common/result';

describe('handler table', () => {
  it('has one handler for every channel of the contract, and nothing else', async () => {
    const services = await createAppServices({ mode: 'browser' });
    expect(Object.keys(services.handlers).sort()).toEqual([...channelNames].sort());
    for (const name of channelNames) expect(typeof services.handlers[name]).toBe('function');
    await services.close();
  });

  it('answers app:info in the shape the contract promises', async () => {
    const services = await createAppServices({ mode: 'electron' });
    const result = await createDispatch(services.handlers)('app:info', {});
    expect(result).toMatchObject({ ok: true, value: { name: '2-Way Inbox', mode: 'electron' } });
    await services.close();
  });

  it('rejects input that does not parse, naming the field', async () => {
    const services = await createAppServices({ mode: 'browser' });
    const result = await createDispatch(services.handlers)('app:info', { extra: true });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('BAD_INPUT');
    await services.close();
  });

  it('turns a handler output that breaks the contract into an error instead of passing it on', async () => {
    const services = await createAppServices({ mode: 'browser' });
    const broken = { ...services.handlers, 'app:info': () => ok({ name: 42 }) } as unknown as HandlerTable;
    const result = await createDispatch(broken)('app:info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    await services.close();
  });

  it('never lets a throw cross the boundary', async () => {
    const services = await createAppServices({ mode: 'browser' });
    const errors: unknown[] = [];
    const throwing = {
      ...services.handlers,
      'app:info': () => {
        throw new Error('disk on fire');
      },
    } as HandlerTable;
    const result = await createDispatch(throwing, { onInternalError: (_channel, error) => errors.push(error) })('app:info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', retryable: true } });
    if (!result.ok) expect(result.error.message).not.toContain('disk on fire');
    expect(errors).toHaveLength(1);
    await services.close();
  });
});
