/**
 * What the administration lists share: a page request turned into the service's list query. Lists are shown in the
 * order they were created, newest last, as the service sorts by default (`created`, ascending: e.g. line 2193).
 */
import { listOrder } from '../../common/api-decisions';

export interface AdminPageRequest {
  offset: number;
  limit: number;
  search?: string | undefined;
}

export function listQuery({ offset, limit, search }: AdminPageRequest): { offset: number; limit: number; sort: string; order: '1' | '-1'; search?: string } {
  return { offset, limit, sort: 'created', order: listOrder('ascending'), ...(search ? { search } : {}) };
}
