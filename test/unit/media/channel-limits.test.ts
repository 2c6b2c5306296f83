/**
 * Per-channel size limits: a file the service would take (50 MB) can still be too large for the customer's app, and
 * the refusal names the file's size, the channel and its limit for that kind of file, before anything is uploaded.
 */
import { describe, expect, it } from 'vitest';
import { channelSizeRefusal, formatMegabytes } from '../../../common/media-acceptance';
import { checkChannel, type CheckedFile } from '../../../main/media/file-check';

const MB = 1024 * 1024;

describe('per-channel size limits', () => {
  it('names the size and the limit of the channel for that kind of file', () => {
    expect(channelSizeRefusal({ name: 'video.mp4', size: 20 * MB, kind: 'video' }, 'WA', 'WhatsApp')).toMatchObject({
      code: 'VALIDATION',
      field: 'file',
      message: '"video.mp4" is 20 MB; WhatsApp takes videos up to 16 MB',
    });
    expect(channelSizeRefusal({ name: 'photo.jpg', size: 1.2 * MB, kind: 'image' }, 'VI', 'Viber')?.message).toBe(
      '"photo.jpg" is 1.2 MB; Viber takes images up to 1 MB',
    );
  });

  it('lets a file at the limit through, and one a byte over it not', () => {
    expect(channelSizeRefusal({ name: 'clip.mp4', size: 16 * MB, kind: 'video' }, 'WA', 'WhatsApp')).toBeUndefined();
    expect(channelSizeRefusal({ name: 'clip.mp4', size: 16 * MB + 1, kind: 'video' }, 'WA', 'WhatsApp')?.message).toBe(
      '"clip.mp4" is 16.1 MB; WhatsApp takes videos up to 16 MB',
    );
  });

  it('leaves files to the service’s own 50 MB where the channel carries more', () => {
    expect(channelSizeRefusal({ name: 'report.pdf', size: 45 * MB, kind: 'file' }, 'WA', 'WhatsApp')).toBeUndefined();
    expect(channelSizeRefusal({ name: 'photo.jpg', size: 9 * MB, kind: 'image' }, 'TG', 'Telegram')).toBeUndefined();
  });

  it('is enforced by main too, so an upload over the limit never starts', () => {
    const video: CheckedFile = { path: '/tmp/video.mp4', name: 'video.mp4', size: 20 * MB, mime: 'video/mp4', kind: 'video', acceptedBy: ['WA', 'RCS', 'TG'] };
    expect(checkChannel(video, 'WA')).toMatchObject({ ok: false, error: { message: '"video.mp4" is 20 MB; WA takes videos up to 16 MB' } });
    expect(checkChannel(video, 'TG')).toEqual({ ok: true, value: undefined });
  });

  it('reads sizes as agents do', () => {
    expect(formatMegabytes(16 * MB)).toBe('16 MB');
    expect(formatMegabytes(1.25 * MB)).toBe('1.3 MB');
  });
});
