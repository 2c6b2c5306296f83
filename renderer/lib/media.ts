/**
 * Where the renderer finds media files: only through main (common/media-url.ts), never at a remote address, which
 * would need the account's token and would tell the sender when the agent looked. Electron serves them on
 * `inbox-media://`, browser mode on the page's own origin, so the address depends on which the app runs in.
 */
import { rendererMediaUrl } from '../../common/media-url';

export type MediaMode = Parameters<typeof rendererMediaUrl>[1];

/** The address to show a payload's media URI at, or undefined when it is not one of the service's files. */
export function shownMediaUrl(uri: string | undefined, mode: MediaMode): string | undefined {
  return uri === undefined ? undefined : rendererMediaUrl(uri, mode);
}
