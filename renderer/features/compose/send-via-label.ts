/** How a "Send via" option reads: the channel type and channel ("WhatsApp · Support line"), and why it cannot be chosen. */
import type { SendOption } from '../../../common/contract/send-via';
import { channelNames } from '../channels/channel-names';

/** `all` is every option shown: an agent is named only where its channel has more than one of them. */
export function sendOptionLabel(option: SendOption, all: readonly SendOption[]): string {
  const sharesChannel = all.some((other) => other.channelId === option.channelId && other.agentId !== option.agentId);
  const agent = sharesChannel && option.agentLabel !== null ? ` (${option.agentLabel})` : '';
  const reason = option.subscribed ? '' : ' — opted out';
  return `${channelNames[option.channelType]} · ${option.channelName}${agent}${reason}`;
}
