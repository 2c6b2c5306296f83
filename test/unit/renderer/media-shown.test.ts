/**
 * Media in a conversation as the agent sees it: pictures inline, videos with a player, other files as a chip with
 * name, size and a download link, all through main's media addresses (`inbox-media://` in Electron, the page's own
 * origin in browser mode), and never at a remote address.
 */
import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { Message, MessagePayload } from '../../../common/domain';
import ConversationPane from '../../../renderer/features/conversation/ConversationPane.svelte';
import { ConversationState } from '../../../renderer/features/conversation/conversation-state.svelte';
import type { MediaMode } from '../../../renderer/lib/media';
import { expectAccessible } from './accessibility';
import { FakeBridge, ok } from './fake-bridge';
import { fixedNow, makeCustomer, makeMessage } from './fixtures';

const api = 'https://api.2way.example/api/media/ent-1';

function file(mime: string, size: number, uri: string) {
  return { mime, size, uri };
}

const image: MessagePayload = {
  type: 'IMAGE',
  category: 'UNSPECIFIED',
  name: 'receipt.jpg',
  src: file('image/jpeg', 250_000, `${api}/img-1`),
  thumbnail: file('image/jpeg', 0, `${api}/img-1/thumbnail`),
  preview: file('image/jpeg', 0, `${api}/img-1/preview`),
};
const video: MessagePayload = { type: 'MEDIA', category: 'VIDEO', name: 'unboxing.mp4', src: file('video/mp4', 3_500_000, `${api}/vid-1`) };
const pdf: MessagePayload = { type: 'MEDIA', category: 'APPLICATION', name: 'invoice.pdf', src: file('application/pdf', 1_300_000, `${api}/doc-1`) };

async function show(payloads: MessagePayload[], mediaMode: MediaMode = 'browser') {
  const messages: Message[] = payloads.map((payload, index) => makeMessage({ payload, sent: fixedNow - (10 - index) * 60_000 }));
  const conversation = new ConversationState(
    new FakeBridge({ 'messages:window': () => ok({ items: messages, hasOlder: false, hasNewer: false, freshness: { lastSyncedAt: fixedNow } }) }),
  );
  await conversation.open(makeCustomer(1, { name: 'Maria Lopez' }));
  render(ConversationPane, { conversation, now: fixedNow, mediaMode, sendText: () => Promise.resolve(ok({})) });
  return screen.getByRole('log', { name: 'Messages' });
}

describe('media in the thread', () => {
  it('shows an image inline at its preview size, served by the app, with the original to download', async () => {
    const thread = await show([image]);
    expect(within(thread).getByRole('img', { name: 'receipt.jpg' })).toHaveAttribute('src', '/media/ent-1/img-1/preview');
    const download = within(thread).getByRole('link', { name: /Download receipt\.jpg/ });
    expect(download).toHaveAttribute('href', '/media/ent-1/img-1/original');
    expect(download).toHaveAttribute('download', 'receipt.jpg');
  });

  it('uses inbox-media:// addresses in the desktop app', async () => {
    const thread = await show([image, pdf], 'electron');
    expect(within(thread).getByRole('img', { name: 'receipt.jpg' })).toHaveAttribute('src', 'inbox-media://media/ent-1/img-1/preview');
    expect(within(thread).getByRole('link', { name: /Download invoice\.pdf/ })).toHaveAttribute('href', 'inbox-media://media/ent-1/doc-1/original');
  });

  it('falls back to the thumbnail, then the file itself, when a picture has no preview', async () => {
    const { preview: _preview, ...noPreview } = image;
    const { preview: _p, thumbnail: _t, ...bare } = image;
    const thread = await show([noPreview, { ...bare, name: 'bare.jpg' }]);
    expect(within(thread).getByRole('img', { name: 'receipt.jpg' })).toHaveAttribute('src', '/media/ent-1/img-1/thumbnail');
    expect(within(thread).getByRole('img', { name: 'bare.jpg' })).toHaveAttribute('src', '/media/ent-1/img-1/original');
  });

  it('plays a video with controls', async () => {
    const thread = await show([video]);
    const player = thread.querySelector('video');
    expect(player).not.toBeNull();
    expect(player).toHaveAttribute('src', '/media/ent-1/vid-1/original');
    expect(player).toHaveAttribute('controls');
    expect(within(thread).getByText('Video')).toBeInTheDocument();
  });

  it('shows any other file as a chip with its name, type, size and a download link', async () => {
    const thread = await show([pdf]);
    const message = within(thread).getByRole('article');
    expect(message).toHaveTextContent(/File\s*invoice\.pdf\s*application\/pdf · 1\.2 MB/);
    expect(within(message).getByRole('link', { name: /Download invoice\.pdf/ })).toHaveAttribute('href', '/media/ent-1/doc-1/original');
    expect(message.querySelector('img, video')).toBeNull();
  });

  it('never points at a remote address: media outside the service shows as words only', async () => {
    const remote: MessagePayload = { ...image, src: file('image/jpeg', 10, 'https://tracker.example/pixel.jpg'), preview: file('image/jpeg', 0, 'https://tracker.example/p.jpg') };
    const remoteFile: MessagePayload = { ...pdf, src: file('application/pdf', 10, 'https://files.example/a.pdf') };
    const thread = await show([remote, remoteFile]);
    expect(within(thread).queryByRole('img')).toBeNull();
    expect(within(thread).queryByRole('link')).toBeNull();
    expect(within(thread).getByText('Preview not available')).toBeInTheDocument();
    expect(within(thread).getByText('Not available to download')).toBeInTheDocument();
    expect(thread.innerHTML).not.toMatch(/tracker\.example|files\.example/);
  });

  it('passes the accessibility check', async () => {
    await show([image, video, pdf]);
    expectAccessible();
  });
});
