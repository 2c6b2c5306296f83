/** What each channel type is called where agents read it: the names customers use for these apps. */
import type { ChannelType } from '../../../common/domain';

export const channelNames: Record<ChannelType, string> = {
  SMS: 'SMS',
  WA: 'WhatsApp',
  VI: 'Viber',
  TG: 'Telegram',
  RCS: 'RCS',
  WECHAT: 'WeChat',
  ECHO: 'Echo',
};
