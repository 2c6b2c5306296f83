/**
 * The RCS card builder: each card's title and description are required before anything is sent, replies are one per
 * line, a picture is uploaded for RCS and carried with its height, the width and heights come from the reference's
 * enums, several cards go as one carousel, and the preview shows what the customer will see.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { MessagePayload } from '../../../common/domain';
import { fail, ok, type Result } from '../../../common/result';
import type { CardPictures } from '../../../renderer/features/compose/card-picture';
import RcsCardDialog from '../../../renderer/features/compose/RcsCardDialog.svelte';
import { buildCards, emptyCard } from '../../../renderer/features/compose/rcs-card-input';
import { expectAccessible } from './accessibility';
import { openComposer } from './compose-tools';
import { makeCustomer } from './fixtures';

const picture = {
  name: 'boots.png',
  src: { mime: 'image/png', size: 2048, uri: 'https://omni.example/api/media/m-boots' },
  thumbnail: { mime: 'image/png', size: 0, uri: 'https://omni.example/api/media/m-boots/thumbnail' },
  previewUrl: '/media/m-boots/preview',
};

const libraryPicture = {
  mediaId: 'm-jacket-0000000000000000',
  name: 'jacket.jpg',
  size: 4096,
  mime: 'image/jpeg',
  kind: 'image',
  url: 'https://omni.example/api/media/m-jacket-0000000000000000',
  thumbnail: 'https://omni.example/api/media/m-jacket-0000000000000000/thumbnail',
  preview: 'https://omni.example/api/media/m-jacket-0000000000000000/preview',
  previewUrl: '/media/m-jacket/preview',
} as const;
const libraryDocument = { ...libraryPicture, mediaId: 'm-terms-00000000000000000', name: 'terms.pdf', mime: 'application/pdf', kind: 'file' } as const;

function openBuilder(options: { channelType?: 'RCS' | 'SMS'; upload?: CardPictures['upload'] } = {}) {
  const sent: MessagePayload[] = [];
  const onSend = vi.fn(async (payload: MessagePayload): Promise<Result<unknown>> => {
    sent.push(payload);
    return ok({});
  });
  const onClose = vi.fn();
  const pictures: CardPictures = {
    upload: options.upload ?? (async () => ok(picture)),
    library: async () => ok({ items: [libraryPicture, libraryDocument], total: 2, offset: 0 }),
  };
  render(RcsCardDialog, { channelType: options.channelType ?? 'RCS', onSend, onClose, pictures });
  return { sent, onSend, onClose, dialog: screen.getByRole('dialog', { name: 'RCS card' }) };
}

function card(dialog: HTMLElement, number: number): HTMLElement {
  return within(dialog).getByRole('group', { name: `Card ${number}` });
}

async function fill(scope: HTMLElement, label: string, value: string): Promise<void> {
  const field = within(scope).getByRole('textbox', { name: label });
  await fireEvent.input(field, { target: { value } });
}

describe('the RCS card builder', () => {
  it('passes the accessibility check', () => {
    openBuilder();
    expectAccessible();
  });

  it('says which card lacks a title or a description, and sends nothing until each has both', async () => {
    const { dialog, onSend } = openBuilder();
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Add card' }));
    await fill(card(dialog, 1), 'Title', 'Trail boots');

    await fireEvent.click(within(dialog).getByRole('button', { name: 'Send carousel' }));

    expect(within(card(dialog, 1)).getByRole('textbox', { name: 'Description' })).toHaveAccessibleDescription('A card needs a description');
    expect(within(card(dialog, 2)).getByRole('textbox', { name: 'Title' })).toHaveAccessibleDescription('A card needs a title');
    expect(onSend).not.toHaveBeenCalled();
  });

  it('sends two cards as one carousel with the width, replies, picture and height chosen, and closes', async () => {
    const { dialog, sent, onClose } = openBuilder();
    await fireEvent.change(within(dialog).getByRole('combobox', { name: 'Card width' }), { target: { value: 'SMALL' } });
    await fill(card(dialog, 1), 'Title', ' Trail boots ');
    await fill(card(dialog, 1), 'Description', 'Waterproof, size 36-47');
    await fill(card(dialog, 1), 'Replies', 'Buy\n\n Tell me more ');
    await fireEvent.change(within(card(dialog, 1)).getByLabelText('Picture for card 1'), { target: { files: [new File(['png'], 'boots.png', { type: 'image/png' })] } });
    await fireEvent.change(await within(card(dialog, 1)).findByRole('combobox', { name: 'Picture height' }), { target: { value: 'TALL' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Add card' }));
    await fill(card(dialog, 2), 'Title', 'Rain jacket');
    await fill(card(dialog, 2), 'Description', 'Light and packable');

    await fireEvent.click(within(dialog).getByRole('button', { name: 'Send carousel' }));

    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(sent).toEqual([
      {
        type: 'CAROUSEL',
        width: 'SMALL',
        content: [
          {
            type: 'CARD',
            title: 'Trail boots',
            description: 'Waterproof, size 36-47',
            media: { tag: 'boots.png', height: 'TALL', src: picture.src, thumbnail: picture.thumbnail },
            suggestions: [{ reply: { text: 'Buy' } }, { reply: { text: 'Tell me more' } }],
          },
          { type: 'CARD', title: 'Rain jacket', description: 'Light and packable', suggestions: [] },
        ],
      },
    ]);
  });

  it('previews each card with its picture, title, description and replies', async () => {
    const { dialog } = openBuilder();
    await fill(card(dialog, 1), 'Title', 'Trail boots');
    await fill(card(dialog, 1), 'Description', 'Waterproof');
    await fill(card(dialog, 1), 'Replies', 'Buy\nTell me more');
    await fireEvent.change(within(card(dialog, 1)).getByLabelText('Picture for card 1'), { target: { files: [new File(['png'], 'boots.png', { type: 'image/png' })] } });

    const preview = within(dialog).getByRole('region', { name: 'Preview' });
    expect(await within(preview).findByRole('img', { name: 'boots.png' })).toHaveAttribute('src', picture.previewUrl);
    expect(preview).toHaveTextContent('Trail boots');
    expect(preview).toHaveTextContent('Waterproof');
    expect(within(within(preview).getByRole('list', { name: 'Replies' })).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Buy', 'Tell me more']);
  });

  it('says why a picture was not taken and keeps the card without one', async () => {
    const { dialog } = openBuilder({ upload: async () => fail('VALIDATION', 'notes.pdf is not a picture RCS cards can show', { field: 'file' }) });

    await fireEvent.change(within(card(dialog, 1)).getByLabelText('Picture for card 1'), { target: { files: [new File(['%PDF'], 'notes.pdf')] } });

    expect(await within(card(dialog, 1)).findByRole('alert')).toHaveTextContent('notes.pdf is not a picture RCS cards can show');
    expect(within(card(dialog, 1)).getByLabelText('Picture for card 1')).toBeEnabled();
  });

  it('takes a picture from the media library, where a file that is not a picture cannot be chosen', async () => {
    const { dialog, sent } = openBuilder();
    await fireEvent.click(within(card(dialog, 1)).getByRole('button', { name: 'From the media library' }));
    const library = await screen.findByRole('dialog', { name: 'Picture for card 1' });
    expect(await within(library).findByRole('button', { name: /terms\.pdf/ })).toBeDisabled();

    await fireEvent.click(within(library).getByRole('button', { name: /jacket\.jpg/ }));
    expect(screen.queryByRole('dialog', { name: 'Picture for card 1' })).toBeNull();
    expect(within(card(dialog, 1)).getByText('Picture: jacket.jpg')).toBeInTheDocument();
    await fill(card(dialog, 1), 'Title', 'Rain jacket');
    await fill(card(dialog, 1), 'Description', 'Light');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Send card' }));

    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({
      content: [{ media: { tag: 'jacket.jpg', height: 'MEDIUM', src: { mime: 'image/jpeg', size: 4096, uri: libraryPicture.url }, thumbnail: { uri: libraryPicture.thumbnail } } }],
    });
  });

  it('is disabled with the reason on a channel that does not take cards', () => {
    const { dialog } = openBuilder({ channelType: 'SMS' });
    const send = within(dialog).getByRole('button', { name: 'Send card' });
    expect(send).toBeDisabled();
    expect(send).toHaveAccessibleDescription('SMS does not take cards');
  });
});

describe('in the composer', () => {
  const onRcs = makeCustomer(5, { name: 'Rita Cole', lastChannelType: 'RCS' });
  const image = { type: 'IMAGE', category: 'UNSPECIFIED', name: 'boots.png', src: picture.src, thumbnail: picture.thumbnail, preview: picture.thumbnail } as const;

  it('is offered on RCS; its picture is checked and uploaded for RCS by main, and the card goes to the outbox', async () => {
    const { bridge } = await openComposer(onRcs, {
      handlers: {
        'media:prepare': () => ok({ uploadId: 'u1', name: 'boots.png', size: 2048, mime: 'image/png', kind: 'image', acceptedBy: ['RCS', 'WA'] }),
        'media:upload': () =>
          ok({ uploadId: 'u1', mediaId: 'm-boots', name: 'boots.png', size: 2048, mime: 'image/png', kind: 'image', payload: image, reused: false, previewUrl: picture.previewUrl }),
      },
    });
    await fireEvent.click(screen.getByRole('button', { name: 'RCS card' }));
    const dialog = screen.getByRole('dialog', { name: 'RCS card' });
    await fireEvent.change(within(dialog).getByLabelText('Picture for card 1'), { target: { files: [new File(['png'], 'boots.png', { type: 'image/png' })] } });
    expect(await within(dialog).findByText('Picture: boots.png')).toBeInTheDocument();
    await fill(dialog, 'Title', 'Trail boots');
    await fill(dialog, 'Description', 'Waterproof');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Send card' }));

    expect(bridge.inputsOf('media:upload')).toEqual([{ path: '/home/agent/Downloads/boots.png', channelType: 'RCS', uploadId: 'u1' }]);
    await waitFor(() =>
      expect(bridge.inputsOf('outbox:send')).toEqual([
        {
          customerId: onRcs.id,
          agentId: 'a1',
          payload: {
            type: 'CAROUSEL',
            width: 'MEDIUM',
            content: [{ type: 'CARD', title: 'Trail boots', description: 'Waterproof', media: { tag: 'boots.png', height: 'MEDIUM', src: picture.src, thumbnail: picture.thumbnail }, suggestions: [] }],
          },
        },
      ]),
    );
  });

  it('refuses a file that is not a picture RCS takes, without uploading it', async () => {
    const { bridge } = await openComposer(onRcs, {
      handlers: { 'media:prepare': () => ok({ uploadId: 'u2', name: 'notes.pdf', size: 10, mime: 'application/pdf', kind: 'file', acceptedBy: ['RCS'] }) },
    });
    await fireEvent.click(screen.getByRole('button', { name: 'RCS card' }));
    const dialog = screen.getByRole('dialog', { name: 'RCS card' });
    await fireEvent.change(within(dialog).getByLabelText('Picture for card 1'), { target: { files: [new File(['%PDF'], 'notes.pdf')] } });

    expect(await within(dialog).findByRole('alert')).toHaveTextContent('notes.pdf is not a picture RCS cards can show');
    expect(bridge.inputsOf('media:upload')).toEqual([]);
  });

  it('is not offered on a channel that does not take cards', async () => {
    await openComposer(makeCustomer(6, { name: 'Will Park', lastChannelType: 'WA' }));
    expect(screen.queryByRole('button', { name: 'RCS card' })).toBeNull();
  });
});

describe('the cards a builder makes', () => {
  it('are nothing while none is complete, and a carousel of one for a single card', () => {
    expect(buildCards('MEDIUM', [])).toBeUndefined();
    expect(buildCards('MEDIUM', [emptyCard()])).toBeUndefined();
    expect(buildCards('CARD_WIDTH_UNSPECIFIED', [{ ...emptyCard(), title: 'A', description: 'B' }])).toEqual(
      ok({ type: 'CAROUSEL', width: 'CARD_WIDTH_UNSPECIFIED', content: [{ type: 'CARD', title: 'A', description: 'B', suggestions: [] }] }),
    );
  });
});
