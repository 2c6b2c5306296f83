/**
 * Browser mode's file staging: a file over the service's 50 MB is refused by the bridge with the limit in words the
 * composer shows as they are, before any byte goes to the host; a file within it is streamed to the staging route.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_MEDIA_BYTES } from '../../../common/api-decisions';
import { createWebBridge } from '../../../renderer/lib/web-bridge';

function fileOfSize(name: string, size: number): File {
  const file = new File([new Uint8Array(4)], name, { type: 'video/mp4' });
  // The bytes do not matter, only the size the page learns from the picked file.
  Object.defineProperty(file, 'size', { value: size });
  return file;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('staging a file in browser mode', () => {
  it('refuses a file over 50 MB by its size, naming the file and the limit, without sending it', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>();
    vi.stubGlobal('fetch', fetch);
    const result = await createWebBridge().fileReference(fileOfSize('holiday.mp4', MAX_MEDIA_BYTES + 1));
    expect(result).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: '"holiday.mp4" is larger than the 50 MB the service takes', retryable: false, field: 'file' },
    });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('streams a file of exactly 50 MB to the host and answers its reference', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => Response.json({ ok: true, value: { reference: 'staged:abc', name: 'clip.mp4', size: MAX_MEDIA_BYTES } }));
    vi.stubGlobal('fetch', fetch);
    const result = await createWebBridge().fileReference(fileOfSize('clip.mp4', MAX_MEDIA_BYTES));
    expect(result).toEqual({ ok: true, value: 'staged:abc' });
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
