/**
 * Sending a file: the agent drops it on the conversation or picks it with the attach button, sees what it is (or
 * exactly why it cannot go: too large, an unsupported type, not taken by this channel), and on Send watches it
 * upload and lands it in the outbox as the payload the upload answered, through the conversation's agent.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { PreparedMedia, UploadedMedia } from '../../../common/contract/media';
import type { Customer, OutboxItem } from '../../../common/domain';
import ConversationPane from '../../../renderer/features/conversation/ConversationPane.svelte';
import { ConversationState } from '../../../renderer/features/conversation/conversation-state.svelte';
import { expectAccessible } from './accessibility';
import { deferred, FakeBridge, fail, ok } from './fake-bridge';
import { fixedNow, makeCustomer, makeMessage } from './fixtures';

const maria = makeCustomer(1, { name: 'Maria Lopez', lastAgentId: 'agent-wa', lastChannelType: 'WA' });
const pngBytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const photo = () => new File([pngBytes], 'receipt.png', { type: 'image/png' });

const preparedPhoto: PreparedMedia = { uploadId: 'up-1', name: 'receipt.png', size: 12, mime: 'image/png', kind: 'image', acceptedBy: ['WA', 'VI', 'TG', 'RCS', 'WECHAT', 'SMS'] };
const uploadedPhoto: UploadedMedia = {
  uploadId: 'up-1',
  mediaId: 'media-1',
  name: 'receipt.png',
  size: 12,
  mime: 'image/png',
  kind: 'image',
  payload: {
    type: 'IMAGE',
    category: 'UNSPECIFIED',
    name: 'receipt.png',
    src: { mime: 'image/png', size: 12, uri: 'https://api.example/api/media/ent/media-1' },
    thumbnail: { mime: 'image/png', size: 0, uri: 'https://api.example/api/media/ent/media-1/thumbnail' },
    preview: { mime: 'image/png', size: 0, uri: 'https://api.example/api/media/ent/media-1/preview' },
  },
  reused: false,
};

function outboxItem(customerId: string, payload: OutboxItem['payload']): OutboxItem {
  return { clientId: 'k1', customerId, agentId: 'agent-wa', channelType: 'WA', payload, state: 'queued', attempts: 0, nextAttemptAt: fixedNow, lastError: null, messageId: null, createdAt: fixedNow };
}

async function openWith(bridgeHandlers: ConstructorParameters<typeof FakeBridge>[0] = {}, customer: Customer = maria) {
  const bridge = new FakeBridge({
    'media:prepare': () => ok(preparedPhoto),
    'media:upload': () => ok(uploadedPhoto),
    'media:cancel': () => ok({ cancelled: true }),
    'outbox:send': (request) => ok(outboxItem(request.customerId, request.payload)),
    // The customer wrote an hour ago through the conversation's agent: WhatsApp's 24-hour window is open.
    'messages:window': () => ok({ items: [makeMessage({ agentId: customer.lastAgentId ?? 'a1' })], hasOlder: false, hasNewer: false, freshness: { lastSyncedAt: fixedNow } }),
    ...bridgeHandlers,
  });
  const conversation = new ConversationState(bridge);
  const stop = conversation.listen();
  await conversation.open(customer);
  render(ConversationPane, { conversation, now: fixedNow, mediaMode: 'browser', sendText: (text) => conversation.sendText(text) });
  return { bridge, conversation, stop };
}

async function pick(file: File): Promise<void> {
  await fireEvent.change(screen.getByLabelText('Choose a file to send'), { target: { files: [file] } });
}

const attached = (name: string) => screen.findByRole('group', { name: `Attached file ${name}` });
const sendButton = () => screen.getByRole('button', { name: 'Send' });

describe('attaching a file', () => {
  it('checks a picked file with main and shows what it is', async () => {
    const { bridge } = await openWith();
    await pick(photo());
    const chip = await attached('receipt.png');
    await waitFor(() => expect(chip).toHaveTextContent('Image · 12 bytes'));
    expect(bridge.inputsOf('media:prepare')).toEqual([{ path: '/home/agent/Downloads/receipt.png' }]);
    expect(sendButton()).toBeEnabled();
    expectAccessible();
  });

  it('takes a file dropped on the conversation', async () => {
    const { bridge } = await openWith();
    const pane = screen.getByRole('region', { name: 'Conversation with Maria Lopez' });
    const file = photo();
    const dataTransfer = { types: ['Files'], files: [file], dropEffect: 'none' };
    await fireEvent.dragOver(pane, { dataTransfer });
    await fireEvent.drop(pane, { dataTransfer });
    await attached('receipt.png');
    expect(bridge.referencedFiles).toEqual([file]);
  });

  it('says why main refused the file, in its words, and will not send it', async () => {
    await openWith({ 'media:prepare': () => fail('VALIDATION', '"huge.mov" is larger than the 50 MB the service takes', { field: 'file' }) });
    await pick(new File(['x'], 'huge.mov'));
    const chip = await attached('huge.mov');
    expect(await within(chip).findByRole('alert')).toHaveTextContent('"huge.mov" is larger than the 50 MB the service takes');
    expect(sendButton()).toBeDisabled();
  });

  it("refuses a file the conversation's channel does not take, naming the channel", async () => {
    await openWith({ 'media:prepare': () => ok({ ...preparedPhoto, name: 'notes.pdf', mime: 'application/pdf', kind: 'file', acceptedBy: ['WA'] }) }, makeCustomer(2, { name: 'Sam', lastAgentId: 'agent-tg', lastChannelType: 'TG' }));
    await pick(new File(['%PDF'], 'notes.pdf'));
    expect(await within(await attached('notes.pdf')).findByRole('alert')).toHaveTextContent('Telegram does not take this kind of file');
    expect(sendButton()).toBeDisabled();
  });

  it('says so when the bridge cannot name the file (not from a folder)', async () => {
    const { bridge } = await openWith();
    bridge.referenceFor = () => fail('BAD_INPUT', 'Only files from your computer can be sent; save this one to a folder first.');
    await pick(photo());
    expect(await within(await attached('receipt.png')).findByRole('alert')).toBeInTheDocument();
    expect(bridge.inputsOf('media:prepare')).toEqual([]);
  });

  it('uploads on Send with progress, then hands the upload’s payload to the outbox through the conversation’s agent', async () => {
    const upload = deferred<ReturnType<typeof ok<UploadedMedia>>>();
    const { bridge } = await openWith({ 'media:upload': () => upload.promise });
    await pick(photo());
    await waitFor(() => expect(sendButton()).toBeEnabled());
    await fireEvent.click(sendButton());

    const progress = await screen.findByRole('progressbar', { name: 'Uploading receipt.png' });
    bridge.emit('media:progress', { uploadId: 'up-1', sentBytes: 6, totalBytes: 12 });
    await waitFor(() => expect(progress).toHaveAttribute('value', '6'));
    expect(bridge.inputsOf('media:upload')).toEqual([{ path: '/home/agent/Downloads/receipt.png', channelType: 'WA', uploadId: 'up-1' }]);

    upload.resolve(ok(uploadedPhoto));
    await waitFor(() => expect(bridge.inputsOf('outbox:send')).toEqual([{ customerId: 'c00001', agentId: 'agent-wa', payload: uploadedPhoto.payload }]));
    await waitFor(() => expect(screen.queryByRole('group', { name: /Attached file/ })).toBeNull());
  });

  it('sends the words typed with the file as their own message after it', async () => {
    const { bridge } = await openWith();
    await pick(photo());
    await waitFor(() => expect(sendButton()).toBeEnabled());
    await fireEvent.input(screen.getByRole('textbox', { name: 'Message to Maria Lopez' }), { target: { value: 'Here is the receipt' } });
    await fireEvent.click(sendButton());
    await waitFor(() => expect(bridge.inputsOf('outbox:send').map((send) => send.payload.type)).toEqual(['IMAGE', 'TEXT']));
  });

  it('keeps the file and says why when the upload fails, so it can be sent again', async () => {
    const { bridge } = await openWith({ 'media:upload': () => fail('NETWORK', 'The service did not answer', { retryable: true }) });
    await pick(photo());
    await waitFor(() => expect(sendButton()).toBeEnabled());
    await fireEvent.click(sendButton());
    expect(await within(await attached('receipt.png')).findByRole('alert')).toBeInTheDocument();
    expect(bridge.inputsOf('outbox:send')).toEqual([]);
    await waitFor(() => expect(sendButton()).toBeEnabled());
  });

  it('cancels an upload under way when the file is removed', async () => {
    const upload = deferred<ReturnType<typeof ok<UploadedMedia>>>();
    const { bridge } = await openWith({ 'media:upload': () => upload.promise });
    await pick(photo());
    await waitFor(() => expect(sendButton()).toBeEnabled());
    await fireEvent.click(sendButton());
    await screen.findByRole('progressbar');
    await fireEvent.click(screen.getByRole('button', { name: 'Remove receipt.png' }));
    expect(bridge.inputsOf('media:cancel')).toEqual([{ uploadId: 'up-1' }]);
    upload.resolve(ok(uploadedPhoto));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(bridge.inputsOf('outbox:send')).toEqual([]);
  });

  it('queues words sent with Enter during the upload behind the file, and puts them back if the file does not go', async () => {
    type UploadAnswer = ReturnType<typeof ok<UploadedMedia>> | ReturnType<typeof fail>;
    const uploads = [deferred<UploadAnswer>(), deferred<UploadAnswer>()];
    let upload = 0;
    const { bridge } = await openWith({ 'media:upload': () => uploads[upload++]?.promise ?? ok(uploadedPhoto) });
    const field = screen.getByRole('textbox', { name: 'Message to Maria Lopez' });
    await pick(photo());
    await waitFor(() => expect(sendButton()).toBeEnabled());
    await fireEvent.click(sendButton());
    await screen.findByRole('progressbar');
    await fireEvent.input(field, { target: { value: 'Here is the receipt' } });
    await fireEvent.keyDown(field, { key: 'Enter' });
    expect(field).toHaveValue('');
    uploads[0]?.resolve(fail('NETWORK', 'The service did not answer', { retryable: true }));
    await waitFor(() => expect(field).toHaveValue('Here is the receipt'));
    expect(bridge.inputsOf('outbox:send')).toEqual([]);

    await fireEvent.click(sendButton());
    await screen.findByRole('progressbar');
    await fireEvent.keyDown(field, { key: 'Enter' });
    await fireEvent.input(field, { target: { value: 'Thanks!' } });
    await fireEvent.keyDown(field, { key: 'Enter' });
    uploads[1]?.resolve(ok(uploadedPhoto));
    await waitFor(() => expect(bridge.inputsOf('outbox:send').map((send) => send.payload.type)).toEqual(['IMAGE', 'TEXT', 'TEXT']));
    expect(bridge.inputsOf('outbox:send').map((send) => (send.payload.type === 'TEXT' ? send.payload.text : ''))).toEqual(['', 'Here is the receipt', 'Thanks!']);
  });
});
