/**
 * twoway-inbox:// links in the running app: the app registers as the scheme's handler, takes links from macOS's
 * open-url, from its own launch arguments and from a second launch's forwarded arguments (Windows and Linux), and
 * hands each parsed link to main's open requests (main/open-requests.ts), where a clicked notification's request
 * also goes. Links that arrive before the services exist wait here for them.
 */
import { resolve } from 'node:path';
import { app } from 'electron';
import { DEEP_LINK_SCHEME, deepLinkInArgv, parseDeepLink, type DeepLink } from '../deep-link';

export interface DeepLinkTarget {
  request(link: DeepLink): void;
}

export interface DeepLinkRouter {
  /** A link from any source; unparseable ones are ignored (a link is input from outside the app). */
  handle(link: string): void;
  handleArgv(argv: readonly string[]): void;
  /** The services and window are up: links received so far are opened, later ones at once. */
  ready(target: DeepLinkTarget): void;
}

export function registerAsLinkHandler(): void {
  // Started by `electron .` (development) the OS must be told to run Electron with our script, not Electron alone.
  const script = process.argv[1];
  if (process.defaultApp && script !== undefined) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [resolve(script)]);
  else app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
}

export function createDeepLinkRouter(): DeepLinkRouter {
  let target: DeepLinkTarget | undefined;
  const waiting: string[] = [];
  const open = (raw: string, to: DeepLinkTarget) => {
    const link = parseDeepLink(raw);
    if (link !== undefined) to.request(link);
  };
  const router: DeepLinkRouter = {
    handle: (link) => {
      if (target === undefined) waiting.push(link);
      else open(link, target);
    },
    handleArgv: (argv) => {
      const link = deepLinkInArgv(argv);
      if (link !== undefined) router.handle(link);
    },
    ready: (ready) => {
      target = ready;
      for (const link of waiting.splice(0)) open(link, ready);
    },
  };
  // macOS hands links to the running app, even before it is ready; the listener must exist from the start.
  app.on('open-url', (event: { preventDefault(): void }, url: string) => {
    event.preventDefault();
    router.handle(url);
  });
  return router;
}
