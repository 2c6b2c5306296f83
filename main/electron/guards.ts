/**
 * The security checklist applied to every session and every web contents the app ever creates: no permissions,
 * no navigation, no new windows, no webviews. A link to the web opens in the OS browser, and only when it is a
 * well-formed https URL: never javascript:, file:, data:, http: or any scheme an OS handler might act on.
 */
import { shell, type Session, type WebContents } from 'electron';

/** Longer links are not something an agent clicks; refusing them keeps odd payloads away from the OS handler. */
const MAX_EXTERNAL_URL_LENGTH = 2048;

export function guardSession(session: Session): void {
  // Everything is denied, including notifications and clipboard access from the page: features that need one
  // get a contract channel, where main decides.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const external = safeExternalUrl(url);
    if (external !== undefined) void shell.openExternal(external);
    return { action: 'deny' };
  });
}

/** The URL to hand to the OS browser, re-serialised by the URL parser, or undefined when it must not be opened. */
export function safeExternalUrl(candidate: string): string | undefined {
  if (candidate.length > MAX_EXTERNAL_URL_LENGTH || !URL.canParse(candidate)) return undefined;
  const url = new URL(candidate);
  // Credentials in a link are a phishing trick (https://bank.example@evil.example/), never something we open.
  if (url.protocol !== 'https:' || url.hostname === '' || url.username !== '' || url.password !== '') return undefined;
  return url.href;
}
