/**
 * Tags on end-to-end scenarios, in a module of their own so Node-side tests can read them without loading the
 * browser-side fixtures.
 */

/** The tag of scenarios about browser mode itself (its launch link, cookies, a second browser), which the desktop suite leaves out. */
export const BROWSER_MODE_ONLY = '@browser-mode';
