/**
 * `twoway-inbox://customer/<id or phone>` links, in plain Node: found among a launch's arguments (Windows and Linux
 * hand the link to a new process, which forwards its argv to the running one) or given by macOS's open-url, parsed
 * strictly, and resolved to a customer id (a phone number is looked up in the signed-in account's cache).
 */
import type { AccountScopes } from './account/account-scopes';
import { phoneDigitsOf } from './cache/search-query';

export const DEEP_LINK_SCHEME = 'twoway-inbox';

export type DeepLink =
  | { kind: 'customer-id'; customerId: string }
  /** `orCustomerId`: a digits-only target, which may be an id when no cached customer has that phone. */
  | { kind: 'customer-phone'; phoneDigits: string; orCustomerId?: string };

/** Customer ids are the service's opaque tokens; nothing else in a link is ever trusted. */
const CUSTOMER_ID = /^[A-Za-z0-9_-]{1,128}$/;
/** A phone is written as E.164 (`+15551234567`) or with the usual separators; 6 to 15 digits (E.164's range). */
const PHONE = /^\+?[\d\s().-]+$/;
/** A link is short; anything longer is refused before it is parsed. */
const MAX_LINK_LENGTH = 512;

export function parseDeepLink(raw: string): DeepLink | undefined {
  if (raw.length > MAX_LINK_LENGTH) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:` || url.hostname !== 'customer') return undefined;
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  const [encoded] = segments;
  if (segments.length !== 1 || encoded === undefined) return undefined;
  let target: string;
  try {
    target = decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
  const isId = CUSTOMER_ID.test(target);
  if (PHONE.test(target)) {
    const phoneDigits = phoneDigitsOf(target);
    if (phoneDigits.length >= 6 && phoneDigits.length <= 15) {
      return { kind: 'customer-phone', phoneDigits, ...(isId ? { orCustomerId: target } : {}) };
    }
  }
  return isId ? { kind: 'customer-id', customerId: target } : undefined;
}

/** The link among a launch's arguments, if any (the OS appends it; flags before it are Chromium's or ours). */
export function deepLinkInArgv(argv: readonly string[]): string | undefined {
  return argv.find((argument) => argument.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`));
}

export interface CustomerLookup {
  /** Ids of the cached customers whose phone has exactly these digits. */
  customerIdsByPhoneDigits(phoneDigits: string): Promise<string[]>;
}

/** How many customers whose phone contains the digits are read to find the ones whose phone is exactly them. */
const PHONE_CANDIDATES = 50;

/** Looks phones up in the signed-in account's cache; signed out, no phone names anyone. */
export function cachedCustomerLookup(accounts: AccountScopes): CustomerLookup {
  return {
    customerIdsByPhoneDigits: async (phoneDigits) => {
      const scope = await accounts.current();
      if (scope === undefined) return [];
      const page = scope.cache.customerPage({ search: phoneDigits, limit: PHONE_CANDIDATES });
      if (!page.ok) return [];
      return page.value.items.filter((customer) => phoneDigitsOf(customer.phone) === phoneDigits).map((customer) => customer.id);
    },
  };
}

/**
 * The customer a link names. A digits-only target could be either an id or a phone: it is looked up as a phone
 * first and otherwise taken as an id. A phone no cached customer has, or two customers share, opens nothing.
 */
export async function resolveDeepLink(link: DeepLink, lookup: CustomerLookup): Promise<string | undefined> {
  if (link.kind === 'customer-id') return link.customerId;
  const ids = await lookup.customerIdsByPhoneDigits(link.phoneDigits);
  const [only] = ids;
  if (ids.length === 1) return only;
  return ids.length === 0 ? link.orCustomerId : undefined;
}
