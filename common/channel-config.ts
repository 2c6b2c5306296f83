/**
 * What the reference says a channel's config may hold when it is created (lines 308-379): the regions, countries
 * and RCS categories it enumerates (lines 380-390), each field's stated limit, and the RCS colour's contrast rule.
 * The app's forms, main and the sandbox all check against these.
 */
import { KILOBYTE } from './api-decisions';

export const channelRegions = ['NA', 'EU', 'ME', 'AP'] as const;
export type ChannelRegion = (typeof channelRegions)[number];

export const channelCountryCodes = 'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BG BH BI BJ BL BM BN BO BS BT BV BY BZ CC CD CF CG CH CK CM CN CU CV CW CX CY CZ DE DJ DK DM DO DZ EE EG EH ER ET FI FJ FK FM FO GA GD GE GF GG GH GI GL GM GN GP GQ GR GS GU GW GY HK HM HR HT HU ID IE IL IM IO IQ IR IS JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MY MZ NA NC NE NF NL NO NP NR NU NZ OM PF PG PK PM PN PS PT PW QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SO SR SS ST SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW BW BR BF CA CL CO CR EC SV FR GT HN IN CI IT MX NI NG PA PY PE PL PH PR SN ES GB UY US'.split(
  ' ',
) as [string, ...string[]];

export const rcsCategories = [
  'Education', 'Entertainment', 'Finance', 'Food & Drinks', 'Health & Fitness', 'Home & Auto', 'Lifestyle', 'News',
  'Productivity', 'Religion and Spirituality', 'Shopping & Retail', 'Sports', 'Travel', 'Others',
] as const;

/** Channel names: 50 characters, an RCS channel's 40 (lines 322, 346, 365). */
export const CHANNEL_NAME_MAX_LENGTH = 50;
export const RCS_CHANNEL_NAME_MAX_LENGTH = 40;
/** Welcome, opt-out and help messages (lines 313-315). */
export const CHANNEL_MESSAGE_MAX_LENGTH = 160;
/** An RCS channel's description (line 351) and its contact labels (lines 356-360). */
export const RCS_DESCRIPTION_MAX_LENGTH = 100;
/** The RCS brand colour's contrast against white (line 352). */
export const RCS_MIN_CONTRAST_WITH_WHITE = 4.5;

/** The RCS images (lines 353-354): JPEG, these exact dimensions, at most this many bytes. */
export const rcsImageRules = {
  logo: { width: 224, height: 224, maxBytes: 50 * KILOBYTE },
  banner: { width: 1440, height: 448, maxBytes: 220 * KILOBYTE },
} as const;
export type RcsImageKind = keyof typeof rcsImageRules;

/** Whether a colour is written as the reference asks, `#AABBCC`. */
export function isHexColour(colour: string): boolean {
  return /^#[0-9A-Fa-f]{6}$/.test(colour);
}

/** WCAG 2 relative luminance of an sRGB channel value 0-255. */
function linear(channel: number): number {
  const value = channel / 255;
  return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
}

/** The WCAG contrast ratio of a `#AABBCC` colour against white (1 to 21), as the reference's rule measures it. */
export function contrastWithWhite(colour: string): number {
  const [red, green, blue] = [1, 3, 5].map((start) => linear(Number.parseInt(colour.slice(start, start + 2), 16)));
  const luminance = 0.2126 * (red ?? 0) + 0.7152 * (green ?? 0) + 0.0722 * (blue ?? 0);
  return 1.05 / (luminance + 0.05);
}
