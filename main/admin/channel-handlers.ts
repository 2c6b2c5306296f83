/**
 * The channel list of the Administration area (reference lines 87-275), narrowed by type and status and searched
 * by the service. Channels of a type this app does not know are left out, as the inbox's sync leaves them out.
 */
import { channelsOrder } from '../../common/api-decisions';
import type { AdminChannel } from '../../common/contract/admin';
import { ok } from '../../common/result';
import type { Api } from '../api/client';
import type { HandlerTable } from '../ipc/handler-table';
import { channelRecords } from '../remote/map-api';

type ChannelHandlers = Pick<HandlerTable, 'admin:channels'>;

export function channelHandlers(api: Api): ChannelHandlers {
  return {
    'admin:channels': async ({ offset, limit, search, type, status }) => {
      const answer = await api.call('channels.list', {
        query: {
          offset,
          limit,
          sort: 'created',
          order: channelsOrder('ascending'),
          ...(search ? { search } : {}),
          ...(type ? { type } : {}),
          ...(status ? { status } : {}),
        },
      });
      if (!answer.ok) return answer;
      const items = answer.value.channels.map(channelRecords).filter((records): records is AdminChannel => records !== null);
      return ok({ items, total: answer.value.total });
    },
  };
}
