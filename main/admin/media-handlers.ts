/**
 * The media library in the Administration area (reference lines 2841-3088): a page of files of one type or all,
 * each with its preview's address through the app's media route (main/media/media-library.ts), and the
 * permanent deletion of the files the agent selected, in one request (`media_ids`, line 3013).
 */
import { ok } from '../../common/result';
import type { Api } from '../api/client';
import type { HandlerTable } from '../ipc/handler-table';
import { listMediaLibrary } from '../media/media-library';

type MediaHandlers = Pick<HandlerTable, 'admin:media' | 'admin:delete-media'>;

export function mediaHandlers(api: Api, mode: 'electron' | 'browser'): MediaHandlers {
  return {
    'admin:media': async (query) => {
      const page = await listMediaLibrary(api, query, mode);
      return page.ok ? ok({ items: page.value.items, total: page.value.total }) : page;
    },
    'admin:delete-media': async ({ ids }) => {
      const answer = await api.call('media.delete', { query: { media_ids: ids } });
      return answer.ok ? ok({}) : answer;
    },
  };
}
