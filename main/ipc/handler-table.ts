/**
 * The handler table: one function per contract channel, and the single choke point that every call from the
 * renderer passes through, whichever transport carried it (Electron IPC or browser mode's HTTP). It parses the
 * input, never lets a throw cross the boundary, and checks that what leaves matches the contract.
 */
import { channels, isChannelName, type ChannelName, type ChannelOutput, type Channels } from '../../common/contract';
import { parseUnknown } from '../../common/parse';
import { fail, type Result } from '../../common/result';
import type { z } from 'zod';

export type Handler<C extends ChannelName> = (
  input: z.infer<Channels[C]['input']>,
) => Promise<Result<ChannelOutput<C>>> | Result<ChannelOutput<C>>;

export type HandlerTable = { [C in ChannelName]: Handler<C> };

export type Dispatch = (channel: unknown, input: unknown) => Promise<Result<unknown>>;

export interface DispatchOptions {
  /** Called with anything a handler threw, so it reaches the log without reaching the renderer. */
  onInternalError?: (channel: ChannelName, error: unknown) => void;
}

export function createDispatch(table: HandlerTable, options: DispatchOptions = {}): Dispatch {
  return async (channel, rawInput) => {
    if (!isChannelName(channel)) return fail('UNKNOWN_CHANNEL', `No such channel: ${String(channel)}`);
    const spec = channels[channel];
    const input = parseUnknown(spec.input, rawInput, { what: `input for ${channel}` });
    if (!input.ok) return input;
    try {
      // The table's type ties each handler to its channel; indexing by a union loses that, so call through unknown.
      const handler = table[channel] as (input: unknown) => Promise<Result<unknown>> | Result<unknown>;
      const result = await handler(input.value);
      if (!result.ok) return result;
      const output = parseUnknown(spec.output, result.value, { code: 'INTERNAL', what: `output of ${channel}` });
      return output;
    } catch (error) {
      options.onInternalError?.(channel, error);
      return fail('INTERNAL', `${channel} failed unexpectedly`, { retryable: true });
    }
  };
}
