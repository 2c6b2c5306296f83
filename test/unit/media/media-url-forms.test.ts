/**
 * Every media URL form the reference shows, fetched end to end through main: a payload's URI becomes a renderer
 * address, the media route asks the cache, and the client GETs exactly the path that form names, with the token,
 * from the signed-in service only, even when the URI names another host.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rendererMediaUrl } from '../../../common/media-url';
import { ok } from '../../../common/result';
import { ApiClient } from '../../../main/api/client';
import { inMemory, openCache, type Cache } from '../../../main/cache/cache';
import { MediaCache } from '../../../main/media/media-cache';
import { createMediaRequestHandler, type MediaRequestHandler } from '../../../main/media/media-route';
import { startFakeServer, type FakeServer } from '../api/fake-server';
import * as fixture from './fixtures';

const ENTERPRISE = 'e8040d0b-830e-4e19-81a7-da9a8caa6c27';
const MEDIA = 'ef9ada80-10ad-4e68-90cf-b050db455117';
const TOKEN = 'eyJ.token.sig';

let service: FakeServer;
let elsewhere: FakeServer;
let client: ApiClient;
let cache: Cache;
let folder: string;
let serve: MediaRequestHandler;
let image: Buffer;

beforeEach(async () => {
  image = await fixture.png(40, 30);
  // The signed-in service answers any media path with the image; the other host must never be asked anything.
  service = await startFakeServer((request, response) => {
    if (!request.url.pathname.startsWith('/api/media/') || request.headers.authorization !== TOKEN) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'image/png', 'content-length': String(image.length) }).end(image);
  });
  elsewhere = await startFakeServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'image/png' }).end(image);
  });
  client = new ApiClient({ baseUrl: service.baseUrl, authenticator: { currentToken: async () => ok(TOKEN), renewAfterRejection: async () => ok(TOKEN) } });
  const opened = openCache({ file: inMemory });
  if (!opened.ok) throw new Error(opened.error.message);
  cache = opened.value;
  folder = await mkdtemp(join(tmpdir(), 'media-forms-'));
  serve = createMediaRequestHandler(new MediaCache({ api: client, index: cache, dir: folder }));
});

afterEach(async () => {
  client.close();
  cache.close();
  await Promise.all([service.close(), elsewhere.close(), rm(folder, { recursive: true, force: true })]);
});

async function show(uri: string, mode: 'electron' | 'browser'): Promise<Response> {
  const address = rendererMediaUrl(uri, mode);
  if (address === undefined) throw new Error(`not shown: ${uri}`);
  return serve(new Request(new URL(address, 'http://127.0.0.1:4000')));
}

describe('each media URL form the reference shows', () => {
  it.each([
    ['the file route (line 3089)', `/api/media/${ENTERPRISE}/${MEDIA}`],
    ['the file route’s thumbnail (line 3172)', `/api/media/${ENTERPRISE}/${MEDIA}/thumbnail`],
    ['the file route’s preview (line 3172)', `/api/media/${ENTERPRISE}/${MEDIA}/preview`],
    ['an upload’s url (lines 2866, 2941)', `/api/media/${MEDIA}`],
    ['an upload’s thumbnail (lines 2867, 2942)', `/api/media/${MEDIA}/thumbnail`],
    ['an upload’s preview (lines 2868, 2943)', `/api/media/${MEDIA}/preview`],
  ])('%s is fetched at that very path with the token, and shown in both modes', async (_form, path) => {
    for (const mode of ['electron', 'browser'] as const) {
      const answer = await show(`${service.baseUrl}${path}`, mode);
      expect(answer.status, mode).toBe(200);
      expect(answer.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await answer.arrayBuffer()).equals(image)).toBe(true);
    }
    // Fetched once, then served from the cache for the second mode.
    expect(service.requests.map((request) => request.url.pathname)).toEqual([path]);
    expect(service.requests[0]?.headers.authorization).toBe(TOKEN);
  });

  it('fetches a URI naming another host from the signed-in service, never from that host', async () => {
    const answer = await show(`${elsewhere.baseUrl}/api/media/${MEDIA}/preview`, 'electron');
    expect(answer.status).toBe(200);
    expect(elsewhere.requests).toHaveLength(0);
    expect(service.requests.map((request) => request.url.pathname)).toEqual([`/api/media/${MEDIA}/preview`]);
  });
});
