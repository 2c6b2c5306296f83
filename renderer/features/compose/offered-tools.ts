/** Which kinds of message the composer offers: only those the channel sends go through takes (common/payloads). */
import type { PayloadType } from '../../../common/api-decisions';
import type { ChannelType } from '../../../common/domain';
import { channelAccepts, isSendableChannelType } from '../../../common/payloads/channels';

/** Whether a tool sending `type` belongs in the composer of a conversation on `channelType` (null: no channel yet). */
export function channelOffers(channelType: ChannelType | null, type: PayloadType): boolean {
  return channelType !== null && isSendableChannelType(channelType) && channelAccepts(channelType, type);
}
