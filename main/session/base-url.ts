/**
 * Which service addresses the app will send a password to: any https URL, and plain http only on this machine's
 * loopback (the sandbox), where nothing crosses a network.
 */
import { fail, ok, type Result } from '../../common/result';

/** 127.0.0.0/8, ::1 and localhost; `URL.hostname` writes IPv6 in brackets. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** The address in one normal form (no trailing slash), or why it is refused. */
export function parseBaseUrl(raw: string): Result<string> {
  const refuse = (why: string) => fail('VALIDATION', why, { field: 'baseUrl' });
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return refuse(`"${raw}" is not a web address`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return refuse('The address must start with https://');
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return refuse('Plain http is allowed only for this computer (127.0.0.1, ::1, localhost); use https://');
  }
  if (url.username || url.password) return refuse('The address must not contain a user name or password');
  if (url.search || url.hash) return refuse('The address must not contain ? or #');
  return ok(`${url.origin}${url.pathname.replace(/\/+$/, '')}`);
}
