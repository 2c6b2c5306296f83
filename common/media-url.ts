/**
 * The only media addresses the renderer ever sees. A payload's media URI points at the service, which wants the
 * token; the renderer gets `inbox-media://media/<enterprise>/<media>/<variant>` (Electron) or
 * `/media/<enterprise>/<media>/<variant>` (browser mode) instead, and main fetches, caches and serves the file.
 * Main parses those addresses back with the same code, so both ends agree on the format.
 */

export const MEDIA_SCHEME = 'inbox-media';
/** The fixed host of `inbox-media://` URLs: hosts of standard schemes are lower-cased, so no id may sit there. */
export const MEDIA_HOST = 'media';
/** Browser mode's prefix for media, on the app's own origin. */
export const WEB_MEDIA_PREFIX = '/media/';
/** Browser mode: where the page streams a file the agent picked, since a web page cannot name a path on disk. */
export const WEB_MEDIA_UPLOAD_PATH = '/media/upload';

export const mediaVariants = ['original', 'preview', 'thumbnail'] as const;
export type MediaVariant = (typeof mediaVariants)[number];

/** One file of the service: the route `/api/media/{enterprise_id}/{media_id}[/{size_type}]` (lines 3089, 3172). */
export interface MediaAddress {
  enterpriseId: string;
  mediaId: string;
  variant: MediaVariant;
}

/** Ids are UUIDs in the reference; anything outside this set (dots, slashes, escapes) is refused, never cleaned. */
const SAFE_ID = /^[A-Za-z0-9_-]{1,128}$/;

function isVariant(value: string | undefined): value is MediaVariant {
  return (mediaVariants as readonly string[]).includes(value ?? '');
}

function addressFromSegments(segments: string[]): MediaAddress | undefined {
  const [enterpriseId, mediaId, variant, ...rest] = segments;
  if (rest.length > 0 || enterpriseId === undefined || mediaId === undefined) return undefined;
  if (!SAFE_ID.test(enterpriseId) || !SAFE_ID.test(mediaId)) return undefined;
  const chosen = variant ?? 'original';
  return isVariant(chosen) ? { enterpriseId, mediaId, variant: chosen } : undefined;
}

/**
 * The file a payload's media URI names, or undefined when it is not one of the service's media files. The
 * reference's examples also show `/api/media/{media_id}[/thumbnail]` (lines 2866-2868), which omits the enterprise
 * the file route needs; such URIs cannot be fetched and are not shown (the upload answers the full route).
 */
export function mediaAddressFromUri(uri: string): MediaAddress | undefined {
  if (!URL.canParse(uri)) return undefined;
  const url = new URL(uri);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const match = /^\/api\/media\/(.+)$/.exec(url.pathname);
  if (!match?.[1]) return undefined;
  const segments = match[1].split('/');
  if (segments.length === 2 && isVariant(segments[1])) return undefined;
  return addressFromSegments(segments);
}

export function rendererMediaUrlFor(address: MediaAddress, mode: 'electron' | 'browser'): string {
  const path = `${address.enterpriseId}/${address.mediaId}/${address.variant}`;
  return mode === 'electron' ? `${MEDIA_SCHEME}://${MEDIA_HOST}/${path}` : `${WEB_MEDIA_PREFIX}${path}`;
}

/**
 * What the renderer puts in `<img src>` for a payload's media URI: undefined when the URI is not a service media
 * file, so the view shows a file card instead of an image that would never load.
 */
export function rendererMediaUrl(uri: string, mode: 'electron' | 'browser'): string | undefined {
  const address = mediaAddressFromUri(uri);
  return address === undefined ? undefined : rendererMediaUrlFor(address, mode);
}

/** The file an `inbox-media://` URL or a browser-mode `/media/...` URL asks for, or undefined for anything else. */
export function mediaAddressFromRendererUrl(url: URL): MediaAddress | undefined {
  if (url.search !== '' || url.hash !== '') return undefined;
  if (url.protocol === `${MEDIA_SCHEME}:`) {
    if (url.host !== MEDIA_HOST) return undefined;
    return addressFromRendererPath(url.pathname.slice(1));
  }
  if (!url.pathname.startsWith(WEB_MEDIA_PREFIX)) return undefined;
  return addressFromRendererPath(url.pathname.slice(WEB_MEDIA_PREFIX.length));
}

/** Renderer addresses always name the variant, so there is one URL per file and one cache entry. */
function addressFromRendererPath(path: string): MediaAddress | undefined {
  const segments = path.split('/');
  return segments.length === 3 ? addressFromSegments(segments) : undefined;
}
