/**
 * The renderer's media addresses: a payload's service URI, in every form the reference shows, becomes
 * `inbox-media://…` or `/media/…`, never carrying the service's host, and main reads them back; anything that
 * could reach outside one media file is refused.
 */
import { describe, expect, it } from 'vitest';
import { mediaAddressFromRendererUrl, mediaAddressFromUri, rendererMediaUrl } from '../../../common/media-url';

const ENTERPRISE = 'e8040d0b-830e-4e19-81a7-da9a8caa6c27';
const MEDIA = 'ef9ada80-10ad-4e68-90cf-b050db455117';
const service = 'https://omni.mmdsmart.com';

describe('rendererMediaUrl', () => {
  it('turns the URLs an upload answers into renderer addresses for each mode', () => {
    expect(rendererMediaUrl(`${service}/api/media/${ENTERPRISE}/${MEDIA}`, 'electron')).toBe(`inbox-media://media/${ENTERPRISE}/${MEDIA}/original`);
    expect(rendererMediaUrl(`${service}/api/media/${ENTERPRISE}/${MEDIA}/thumbnail`, 'electron')).toBe(
      `inbox-media://media/${ENTERPRISE}/${MEDIA}/thumbnail`,
    );
    expect(rendererMediaUrl(`${service}/api/media/${ENTERPRISE}/${MEDIA}/preview`, 'browser')).toBe(`/media/${ENTERPRISE}/${MEDIA}/preview`);
  });

  it('takes every form the reference shows: the file routes and the upload and gallery examples’ short URLs', () => {
    const forms: [string, string][] = [
      // Lines 3089 and 3172: the file routes.
      [`${service}/api/media/${ENTERPRISE}/${MEDIA}`, `${ENTERPRISE}/${MEDIA}/original`],
      [`${service}/api/media/${ENTERPRISE}/${MEDIA}/thumbnail`, `${ENTERPRISE}/${MEDIA}/thumbnail`],
      [`${service}/api/media/${ENTERPRISE}/${MEDIA}/preview`, `${ENTERPRISE}/${MEDIA}/preview`],
      // Lines 2866-2868 and 2941-2943: what an upload and the gallery answer.
      [`${service}/api/media/${MEDIA}`, `${MEDIA}/original`],
      [`${service}/api/media/${MEDIA}/thumbnail`, `${MEDIA}/thumbnail`],
      [`${service}/api/media/${MEDIA}/preview`, `${MEDIA}/preview`],
    ];
    for (const [uri, path] of forms) {
      expect(rendererMediaUrl(uri, 'electron'), uri).toBe(`inbox-media://media/${path}`);
      expect(rendererMediaUrl(uri, 'browser'), uri).toBe(`/media/${path}`);
      const address = mediaAddressFromUri(uri);
      for (const mode of ['electron', 'browser'] as const) {
        expect(mediaAddressFromRendererUrl(new URL(rendererMediaUrl(uri, mode) ?? '', 'http://127.0.0.1:4000')), `${mode} ${uri}`).toEqual(address);
      }
    }
    expect(mediaAddressFromUri(`${service}/api/media/${MEDIA}/thumbnail`)).toEqual({ mediaId: MEDIA, variant: 'thumbnail' });
  });

  it('keeps only the ids of a URI naming another host: the file is fetched from the signed-in service', () => {
    expect(rendererMediaUrl(`https://elsewhere.example/api/media/${MEDIA}/preview`, 'electron')).toBe(`inbox-media://media/${MEDIA}/preview`);
  });

  it('answers nothing for URIs that are not one of the service media files', () => {
    for (const uri of [
      `${service}/api/media/${MEDIA}/original`,
      `${service}/api/media/${ENTERPRISE}/${MEDIA}/original`,
      `${service}/api/media/${ENTERPRISE}/${MEDIA}/thumbnail/extra`,
      `${service}/api/media/`,
      `https://user:password@omni.mmdsmart.com/api/media/${MEDIA}`,
      `${service}/api/customers/${MEDIA}`,
      `${service}/api/media/${ENTERPRISE}/${MEDIA}/full`,
      `${service}/api/media/${ENTERPRISE}/..%2F..%2Fetc/original`,
      `file:///api/media/${ENTERPRISE}/${MEDIA}`,
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(rendererMediaUrl(uri, 'electron'), uri).toBeUndefined();
    }
  });

  it('reads back exactly what it wrote', () => {
    const address = mediaAddressFromUri(`${service}/api/media/${ENTERPRISE}/${MEDIA}/preview`);
    expect(address).toEqual({ enterpriseId: ENTERPRISE, mediaId: MEDIA, variant: 'preview' });
    for (const mode of ['electron', 'browser'] as const) {
      const url = rendererMediaUrl(`${service}/api/media/${ENTERPRISE}/${MEDIA}/preview`, mode) ?? '';
      expect(mediaAddressFromRendererUrl(new URL(url, 'http://127.0.0.1:4000'))).toEqual(address);
    }
  });
});

describe('mediaAddressFromRendererUrl', () => {
  it('reads a path with dot segments as the URL parser resolves it, and only ever as ids', () => {
    expect(mediaAddressFromRendererUrl(new URL(`inbox-media://media/${ENTERPRISE}/../${MEDIA}/original`))).toEqual({ mediaId: MEDIA, variant: 'original' });
  });

  it.each([
    'inbox-media://media/../../etc/passwd',
    `inbox-media://media/${ENTERPRISE}/%2e%2e/original`,
    `inbox-media://other/${ENTERPRISE}/${MEDIA}/original`,
    `inbox-media://media/${ENTERPRISE}/${MEDIA}`,
    `inbox-media://media/${MEDIA}`,
    `inbox-media://media/${MEDIA}/full`,
    `inbox-media://media/../original`,
    `inbox-media://media/${ENTERPRISE}/${MEDIA}/original?token=x`,
    `http://127.0.0.1:4000/media/..%2F..%2Fetc%2Fpasswd/x/original`,
    `http://127.0.0.1:4000/media/${ENTERPRISE}/${MEDIA}/original/extra`,
    `http://127.0.0.1:4000/ipc/${ENTERPRISE}/${MEDIA}/original`,
  ])('refuses %s', (url) => {
    expect(mediaAddressFromRendererUrl(new URL(url))).toBeUndefined();
  });
});
