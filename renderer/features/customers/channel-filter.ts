/**
 * The list's channel filter: every conversation, those on one type of channel (all SMS numbers, say), or those on
 * one channel. The "Channel" box holds it as a string value; `customers:page` takes it as `channelType`/`channelId`.
 */
import type { CustomerPageQuery } from '../../../common/contract/cache';
import { ChannelType, type Channel } from '../../../common/domain';
import { channelNames } from '../channels/channel-names';

export type ChannelFilter = { kind: 'all' } | { kind: 'type'; type: ChannelType } | { kind: 'channel'; id: string };

export const allChannels: ChannelFilter = { kind: 'all' };

export function filterValue(filter: ChannelFilter): string {
  if (filter.kind === 'type') return `type:${filter.type}`;
  if (filter.kind === 'channel') return `channel:${filter.id}`;
  return 'all';
}

/** The filter a value of the box stands for; anything unknown is every conversation. */
export function filterOf(value: string): ChannelFilter {
  const [kind, ...rest] = value.split(':');
  const detail = rest.join(':');
  if (kind === 'channel' && detail !== '') return { kind: 'channel', id: detail };
  const type = ChannelType.safeParse(detail);
  if (kind === 'type' && type.success) return { kind: 'type', type: type.data };
  return allChannels;
}

export function sameFilter(a: ChannelFilter, b: ChannelFilter): boolean {
  return filterValue(a) === filterValue(b);
}

/** The page query's part for a filter. */
export function filterQuery(filter: ChannelFilter): Pick<CustomerPageQuery, 'channelType' | 'channelId'> {
  if (filter.kind === 'type') return { channelType: filter.type };
  if (filter.kind === 'channel') return { channelId: filter.id };
  return {};
}

export interface FilterChoice {
  value: string;
  label: string;
}

/** The box's choices: a type for each type the account has, then each channel by name. */
export function filterChoices(channels: readonly Channel[]): { types: FilterChoice[]; channels: FilterChoice[] } {
  const types = [...new Set(channels.map((channel) => channel.type))].map((type) => ({
    value: filterValue({ kind: 'type', type }),
    label: `All ${channelNames[type]}`,
  }));
  return {
    types,
    channels: channels.map((channel) => ({
      value: filterValue({ kind: 'channel', id: channel.id }),
      label: `${channel.name} (${channelNames[channel.type]})`,
    })),
  };
}
