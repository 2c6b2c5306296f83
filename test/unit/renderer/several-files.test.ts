/**
 * Several files at once: picked, dropped or pasted files wait in the order they came, each checked for the channel
 * (its limit named), each previewed when it is an image, each with its own progress, Cancel and Remove; Send
 * uploads and sends them one after another, each as its own message, in that order. A file from the media library
 * is sent without uploading it again.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LibraryMedia, PreparedMedia, UploadedMedia } from '../../../common/contract/media';
import type { Customer, OutboxItem } from '../../../common/domain';
import ConversationPane from '../../../renderer/features/conversation/ConversationPane.svelte';
import InboxView from '../../../renderer/features/inbox/InboxView.svelte';
import { ConversationState } from '../../../renderer/features/conversation/conversation-state.svelte';
import { expectAccessible } from './accessibility';
import { deferred, FakeBridge, fail, ok, type FakeHandlers } from './fake-bridge';
import { fixedNow, makeCustomer, makeCustomers, makeMessage, servePages } from './fixtures';

const MB = 1024 * 1024;
const maria = makeCustomer(1, { name: 'Maria Lopez', lastAgentId: 'agent-wa', lastChannelType: 'WA' });
const imageChannels: PreparedMedia['acceptedBy'] = ['WA', 'VI', 'RCS', 'TG'];

function prepared(name: string, extra: Partial<PreparedMedia> = {}): PreparedMedia {
  return { uploadId: `up-${name}`, name, size: 12, mime: 'image/png', kind: 'image', acceptedBy: imageChannels, ...extra };
}

function uploaded(name: string): UploadedMedia {
  const uri = `https://api.example/api/media/ent/media-${name}`;
  return {
    uploadId: `up-${name}`,
    mediaId: `media-${name}`,
    name,
    size: 12,
    mime: 'image/png',
    kind: 'image',
    payload: { type: 'MEDIA', category: 'APPLICATION', name, src: { mime: 'image/png', size: 12, uri } },
    reused: false,
  };
}

const nameOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const png = (name: string) => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], name, { type: 'image/png' });

function outboxItem(customerId: string, payload: OutboxItem['payload']): OutboxItem {
  return { clientId: 'k1', customerId, agentId: 'agent-wa', channelType: 'WA', payload, state: 'queued', attempts: 0, nextAttemptAt: fixedNow, lastError: null, messageId: null, createdAt: fixedNow };
}

async function openWith(handlers: FakeHandlers = {}, customer: Customer = maria) {
  const bridge = new FakeBridge({
    'media:prepare': ({ path }) => ok(prepared(nameOf(path))),
    'media:upload': ({ path }) => ok(uploaded(nameOf(path))),
    'media:cancel': () => ok({ cancelled: true }),
    'outbox:send': (request) => ok(outboxItem(request.customerId, request.payload)),
    // The customer wrote an hour ago through the conversation's agent: WhatsApp's 24-hour window is open.
    'messages:window': () => ok({ items: [makeMessage({ agentId: customer.lastAgentId ?? 'a1' })], hasOlder: false, hasNewer: false, freshness: { lastSyncedAt: fixedNow } }),
    ...handlers,
  });
  const conversation = new ConversationState(bridge);
  const stop = conversation.listen();
  await conversation.open(customer);
  render(ConversationPane, { conversation, now: fixedNow, mediaMode: 'browser', sendText: (text) => conversation.sendText(text) });
  return { bridge, conversation, stop };
}

async function pick(...files: File[]): Promise<void> {
  await fireEvent.change(screen.getByLabelText('Choose a file to send'), { target: { files } });
}

const attached = (name: string) => screen.findByRole('group', { name: `Attached file ${name}` });
const attachedNames = () => screen.queryAllByRole('group', { name: /^Attached file / }).map((group) => group.getAttribute('aria-label'));
const sendButton = () => screen.getByRole('button', { name: 'Send' });
const sentNames = (bridge: FakeBridge) => bridge.inputsOf('outbox:send').map((send) => ('name' in send.payload ? send.payload.name : send.payload.type));

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('several files at once', () => {
  it('lets the file input take several files', async () => {
    await openWith();
    expect(screen.getByLabelText('Choose a file to send')).toHaveAttribute('multiple');
  });

  it('queues picked files in order and sends each as its own message, uploads and sends in that order', async () => {
    const { bridge } = await openWith();
    await pick(png('a.png'), png('b.png'), png('c.png'));
    await attached('c.png');
    expect(attachedNames()).toEqual(['Attached file a.png', 'Attached file b.png', 'Attached file c.png']);
    await waitFor(() => expect(sendButton()).toBeEnabled());
    expectAccessible();

    await fireEvent.click(sendButton());
    await waitFor(() => expect(sentNames(bridge)).toEqual(['a.png', 'b.png', 'c.png']));
    const order = bridge.calls.filter((call) => call.channel === 'media:upload' || call.channel === 'outbox:send').map((call) => call.channel);
    expect(order).toEqual(['media:upload', 'outbox:send', 'media:upload', 'outbox:send', 'media:upload', 'outbox:send']);
    await waitFor(() => expect(attachedNames()).toEqual([]));
  });

  it('takes several files dropped on the conversation, in the order dropped', async () => {
    const { bridge } = await openWith();
    const pane = screen.getByRole('region', { name: 'Conversation with Maria Lopez' });
    const files = [png('one.png'), png('two.png')];
    const dataTransfer = { types: ['Files'], files, dropEffect: 'none' };
    await fireEvent.dragOver(pane, { dataTransfer });
    await fireEvent.drop(pane, { dataTransfer });
    await attached('two.png');
    expect(attachedNames()).toEqual(['Attached file one.png', 'Attached file two.png']);
    expect(bridge.referencedFiles).toEqual(files);
  });

  it('names the channel’s limit for a file too large for it, and sends the others without it', async () => {
    const { bridge } = await openWith({
      'media:prepare': ({ path }) =>
        nameOf(path) === 'video.mp4'
          ? ok(prepared('video.mp4', { size: 20 * MB, mime: 'video/mp4', kind: 'video', acceptedBy: ['WA', 'RCS', 'TG'] }))
          : ok(prepared(nameOf(path))),
    });
    await pick(new File(['v'], 'video.mp4'), png('photo.png'));
    const video = await attached('video.mp4');
    expect(await within(video).findByRole('alert')).toHaveTextContent('"video.mp4" is 20 MB; WhatsApp takes videos up to 16 MB');
    await waitFor(() => expect(sendButton()).toBeEnabled());

    await fireEvent.click(sendButton());
    await waitFor(() => expect(sentNames(bridge)).toEqual(['photo.png']));
    expect(bridge.inputsOf('media:upload').map((upload) => nameOf(upload.path))).toEqual(['photo.png']);
    await waitFor(() => expect(attachedNames()).toEqual(['Attached file video.mp4']));
  });

  it('cancels one upload and loses nothing else: the file stays, the others go, the words stay in the draft', async () => {
    const slow = deferred<ReturnType<typeof ok<UploadedMedia>>>();
    const { bridge } = await openWith({ 'media:upload': ({ path }) => (nameOf(path) === 'b.png' ? slow.promise : ok(uploaded(nameOf(path)))) });
    await pick(png('a.png'), png('b.png'), png('c.png'));
    await waitFor(() => expect(sendButton()).toBeEnabled());
    const field = screen.getByRole('textbox', { name: 'Message to Maria Lopez' });
    await fireEvent.input(field, { target: { value: 'Three photos' } });
    await fireEvent.click(sendButton());

    await screen.findByRole('progressbar', { name: 'Uploading b.png' });
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel upload of b.png' }));
    expect(bridge.inputsOf('media:cancel')).toEqual([{ uploadId: 'up-b.png' }]);
    slow.resolve(fail('CANCELLED', 'The upload of "b.png" was cancelled') as never);

    await waitFor(() => expect(sentNames(bridge)).toEqual(['a.png', 'c.png']));
    await waitFor(() => expect(attachedNames()).toEqual(['Attached file b.png']));
    expect(field).toHaveValue('Three photos');
    await waitFor(() => expect(sendButton()).toBeEnabled());
  });

  it('follows each file’s own progress', async () => {
    const upload = deferred<ReturnType<typeof ok<UploadedMedia>>>();
    const { bridge } = await openWith({ 'media:upload': () => upload.promise });
    await pick(png('a.png'), png('b.png'));
    await waitFor(() => expect(sendButton()).toBeEnabled());
    await fireEvent.click(sendButton());
    const progress = await screen.findByRole('progressbar', { name: 'Uploading a.png' });
    bridge.emit('media:progress', { uploadId: 'up-b.png', sentBytes: 9, totalBytes: 12 });
    bridge.emit('media:progress', { uploadId: 'up-a.png', sentBytes: 6, totalBytes: 12 });
    await waitFor(() => expect(progress).toHaveAttribute('value', '6'));
    expect(screen.queryByRole('progressbar', { name: 'Uploading b.png' })).toBeNull();
    upload.resolve(ok(uploaded('a.png')));
  });

  it('removes one file and keeps the others', async () => {
    const { bridge } = await openWith();
    await pick(png('a.png'), png('b.png'));
    await attached('b.png');
    await fireEvent.click(screen.getByRole('button', { name: 'Remove a.png' }));
    expect(attachedNames()).toEqual(['Attached file b.png']);
    await waitFor(() => expect(sendButton()).toBeEnabled());
    await fireEvent.click(sendButton());
    await waitFor(() => expect(sentNames(bridge)).toEqual(['b.png']));
  });

  it('previews an image before it is sent', async () => {
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:preview-1', revokeObjectURL: () => undefined }));
    await openWith();
    await pick(png('a.png'));
    const group = await attached('a.png');
    expect(await within(group).findByRole('img', { name: 'Preview of a.png' })).toHaveAttribute('src', 'blob:preview-1');
  });
});

describe('pasting into the composer', () => {
  it('turns pasted files into attachments', async () => {
    const { bridge } = await openWith();
    const field = screen.getByRole('textbox', { name: 'Message to Maria Lopez' });
    const image = png('pasted.png');
    const pasted = await fireEvent.paste(field, { clipboardData: { files: [image], types: ['Files'], getData: () => '' } });
    await attached('pasted.png');
    expect(pasted).toBe(false);
    expect(bridge.referencedFiles).toEqual([image]);
  });

  it('leaves pasted text to the field', async () => {
    await openWith();
    const field = screen.getByRole('textbox', { name: 'Message to Maria Lopez' });
    const pasted = await fireEvent.paste(field, { clipboardData: { files: [], types: ['text/plain'], getData: () => 'hello' } });
    expect(pasted).toBe(true);
    expect(attachedNames()).toEqual([]);
  });
});

describe('the media library', () => {
  const libraryPhoto: LibraryMedia = {
    mediaId: 'lib-1',
    name: 'brochure.png',
    size: 14_359,
    mime: 'image/png',
    kind: 'image',
    url: 'https://api.example/api/media/lib-1',
    thumbnail: 'https://api.example/api/media/lib-1/thumbnail',
    preview: 'https://api.example/api/media/lib-1/preview',
    previewUrl: '/media/lib-1/preview',
  };
  const libraryVideo: LibraryMedia = { ...libraryPhoto, mediaId: 'lib-2', name: 'tour.mp4', mime: 'video/mp4', kind: 'video', thumbnail: null, preview: null, previewUrl: undefined };

  it('picks a file already on the service and sends it without uploading it again', async () => {
    const { bridge } = await openWith({ 'media:list': () => ok({ items: [libraryPhoto, libraryVideo], total: 2, offset: 0 }) });
    await fireEvent.click(screen.getByRole('button', { name: 'Media library' }));
    const dialog = await screen.findByRole('dialog', { name: 'Media library' });
    expect(bridge.inputsOf('media:list')).toEqual([{ offset: 0, limit: 24 }]);
    await fireEvent.click(await within(dialog).findByRole('button', { name: 'brochure.png' }));
    expect(screen.queryByRole('dialog', { name: 'Media library' })).toBeNull();

    const group = await attached('brochure.png');
    expect(group).toHaveTextContent('from the media library');
    expect(within(group).getByRole('img', { name: 'Preview of brochure.png' })).toHaveAttribute('src', '/media/lib-1/preview');
    await waitFor(() => expect(sendButton()).toBeEnabled());
    await fireEvent.click(sendButton());
    await waitFor(() => expect(bridge.inputsOf('outbox:send')).toHaveLength(1));
    expect(bridge.inputsOf('outbox:send')[0]?.payload).toEqual({
      type: 'IMAGE',
      category: 'UNSPECIFIED',
      name: 'brochure.png',
      src: { mime: 'image/png', size: 14_359, uri: 'https://api.example/api/media/lib-1' },
      thumbnail: { mime: 'image/png', size: 0, uri: 'https://api.example/api/media/lib-1/thumbnail' },
      preview: { mime: 'image/png', size: 0, uri: 'https://api.example/api/media/lib-1/preview' },
    });
    expect(bridge.inputsOf('media:upload')).toEqual([]);
    expect(bridge.inputsOf('media:prepare')).toEqual([]);
  });

  it('shows files the channel cannot take, unchoosable, saying why; filters by type and pages', async () => {
    const viber = makeCustomer(3, { name: 'Vera', lastAgentId: 'agent-vi', lastChannelType: 'VI' });
    const { bridge } = await openWith(
      { 'media:list': ({ offset }) => ok({ items: offset === 0 ? [libraryPhoto, libraryVideo] : [libraryPhoto], total: 30, offset: offset ?? 0 }) },
      viber,
    );
    await fireEvent.click(screen.getByRole('button', { name: 'Media library' }));
    const dialog = await screen.findByRole('dialog', { name: 'Media library' });
    const video = await within(dialog).findByRole('button', { name: 'tour.mp4' });
    expect(video).toBeDisabled();
    expect(video).toHaveAccessibleDescription('Viber does not take video files');
    expect(within(dialog).getByRole('button', { name: 'brochure.png' })).toBeEnabled();
    expectAccessible();

    await fireEvent.change(within(dialog).getByRole('combobox', { name: 'Type' }), { target: { value: 'image' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(bridge.inputsOf('media:list').at(-1)).toEqual({ offset: 24, limit: 24, type: 'image' }));
    expect(bridge.inputsOf('media:list')[1]).toEqual({ offset: 0, limit: 24, type: 'image' });
    await fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog', { name: 'Media library' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Media library' })).toHaveFocus();
  });
});

describe('dropping files on a customer in the list', () => {
  it('opens that customer’s conversation with the files staged, and sends nothing', async () => {
    const customers = makeCustomers(1, 3).map((customer) => ({ ...customer, lastAgentId: 'agent-wa', lastChannelType: 'WA' as const }));
    const bridge = new FakeBridge({
      'customers:page': servePages(() => customers),
      'inbox:unread': () => ok({ messages: 0, conversations: 0, byChannel: {} }),
      'messages:window': () => ok({ items: [makeMessage()], hasOlder: false, hasNewer: false, freshness: { lastSyncedAt: fixedNow } }),
      'sync:status': () => ok({ state: 'online', lastSyncedAt: fixedNow }),
      'sync:focus': () => ok({}),
      'sync:network': () => ok({}),
      'media:prepare': ({ path }) => ok(prepared(nameOf(path))),
    });
    render(InboxView, { bridge, now: fixedNow });
    const row = await screen.findByRole('option', { name: /Customer 2\b/ });
    const files = [png('first.png'), png('second.png')];
    const dataTransfer = { types: ['Files'], files, dropEffect: 'none' };
    await fireEvent.dragOver(row, { dataTransfer });
    await fireEvent.drop(row, { dataTransfer });

    const reply = await screen.findByRole('form', { name: 'Reply' });
    expect(await within(reply).findByRole('group', { name: 'Attached file second.png' })).toBeInTheDocument();
    expect(within(reply).getAllByRole('group', { name: /^Attached file / }).map((group) => group.getAttribute('aria-label'))).toEqual([
      'Attached file first.png',
      'Attached file second.png',
    ]);
    expect(screen.getByRole('region', { name: /Conversation with Customer 2\b/ })).toBeInTheDocument();
    expect(bridge.inputsOf('media:upload')).toEqual([]);
    expect(bridge.inputsOf('outbox:send')).toEqual([]);
  });
});
