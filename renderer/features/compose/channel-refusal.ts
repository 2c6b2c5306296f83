/** Why the open conversation's channel cannot carry a kind of message, for the button that would send it. */
import type { PayloadType } from '../../../common/api-decisions';
import type { ChannelType } from '../../../common/domain';
import { channelAccepts, isSendableChannelType } from '../../../common/payloads/channels';
import { channelNames } from '../channels/channel-names';

/** Undefined when the channel takes `type`; otherwise the reason, naming the channel and `what` ("locations"). */
export function channelRefusal(channelType: ChannelType | null, type: PayloadType, what: string): string | undefined {
  if (channelType === null) return `This conversation has no channel yet, so ${what} cannot be sent`;
  if (!isSendableChannelType(channelType) || !channelAccepts(channelType, type)) return `${channelNames[channelType]} does not take ${what}`;
  return undefined;
}
