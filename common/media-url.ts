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

/**
 * One file of the service, in either form the reference shows (common/api-decisions.ts, mediaUrlForms): the file
 * route `/api/media/{enterprise_id}/{media_id}[/{size_type}]` (lines 3089, 3172), or `/api/media/{media_id}[/…]`
 * as its upload and gallery examples answer (lines 2866-2868, 2941-2943), which names no enterprise.
 */
export interface MediaAddress {
  /** Absent in the short form. */
  enterpriseId?: string;
  mediaId: string;
  variant: MediaVariant;
}

/** Ids are UUIDs in the reference; anything outside this set (dots, slashes, escapes) is refused, never cleaned. */
const SAFE_ID = /^[A-Za-z0-9_-]{1,128}$/;

function isVariant(value: string | undefined): value is MediaVariant {
  return (mediaVariants as readonly string[]).includes(value ?? '');
}

function address(enterpriseId: string | undefined, mediaId: string, variant: string): MediaAddress | undefined {
  if (enterpriseId !== undefined && !SAFE_ID.test(enterpriseId)) return undefined;
  if (!SAFE_ID.test(mediaId) || !isVariant(variant)) return undefined;
  return enterpriseId === undefined ? { mediaId, variant } : { enterpriseId, mediaId, variant };
}

/**
 * The file a service path names, in the forms of api-decisions' mediaUrlForms. Two segments are the short form's
 * variant when the second is a size type (a media id is a UUID, never "preview"), else the file route's original.
 */
function addressFromServicePath(segments: string[]): MediaAddress | undefined {
  const [first, second, third, ...rest] = segments;
  if (rest.length > 0 || first === undefined) return undefined;
  if (second === undefined) return address(undefined, first, 'original');
  if (third !== undefined) return third === 'original' ? undefined : address(first, second, third);
  if (second === 'original') return undefined;
  return isVariant(second) ? address(undefined, first, second) : address(first, second, 'original');
}

/**
 * The file a payload's media URI names, or undefined when it is not one of the service's media files. Only the ids
 * are kept: main fetches them from the service the account signed in to, so a URI naming another host never makes
 * the app contact that host (nor carry the token there).
 */
export function mediaAddressFromUri(uri: string): MediaAddress | undefined {
  if (!URL.canParse(uri)) return undefined;
  const url = new URL(uri);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username !== '' || url.password !== '') return undefined;
  const match = /^\/api\/media\/(.+)$/.exec(url.pathname);
  if (!match?.[1]) return undefined;
  return addressFromServicePath(match[1].split('/'));
}

export function rendererMediaUrlFor(address: MediaAddress, mode: 'electron' | 'browser'): string {
  const ids = address.enterpriseId === undefined ? address.mediaId : `${address.enterpriseId}/${address.mediaId}`;
  const path = `${ids}/${address.variant}`;
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

/**
 * Renderer addresses always name the variant, so there is one URL per file and one cache entry:
 * `<enterprise>/<media>/<variant>`, or `<media>/<variant>` for the short form.
 */
function addressFromRendererPath(path: string): MediaAddress | undefined {
  const segments = path.split('/');
  const [first, second, third] = segments;
  if (segments.length === 3 && first !== undefined && second !== undefined && third !== undefined) return address(first, second, third);
  if (segments.length === 2 && first !== undefined && second !== undefined) return address(undefined, first, second);
  return undefined;
}
