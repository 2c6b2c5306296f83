/** How the channel screens name what the reference spells as codes: statuses, regions and countries. */
import type { ChannelRegion } from '../../../common/channel-config';
import type { ChannelStatus } from '../../../common/domain';

export const channelStatusWords: Record<ChannelStatus, string> = {
  ACTIVE: 'Active',
  ON_APPROVAL: 'Awaiting approval',
  CREATED: 'Created',
  HOLD: 'On hold',
  INACTIVE: 'Inactive',
};

export const regionWords: Record<ChannelRegion, string> = { NA: 'North America', EU: 'Europe', ME: 'Middle East', AP: 'Asia Pacific' };

const countryNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** "United Kingdom (GB)": the name to recognise and the code the reference uses. */
export function countryName(code: string): string {
  const name = countryNames.of(code) ?? code;
  return name === code ? code : `${name} (${code})`;
}

/** The config fields a channel's details list (main/admin/channel-handlers), named as the forms name them. */
export const configFieldWords: Record<string, string> = {
  region: 'Region',
  country: 'Country',
  short_code: 'Short code',
  mw_sender_list_id: 'Sender list',
  bot_name: 'Bot name',
  description: 'Description',
  color: 'Colour',
  category: 'Category',
  phone: 'Phone',
  label_phone: 'Phone label',
  website: 'Website',
  label_website: 'Website label',
  email: 'Email',
  label_email: 'Email label',
  privacy: 'Privacy policy',
  terms: 'Terms of service',
  logo: 'Logo',
  banner: 'Banner',
};
