/**
 * The Media tab: the library as a grid of previews through the app's media route, narrowed by type; uploads
 * through the composer's pipeline checked for the chosen channel type, a refused file said with its reason and
 * nothing sent offline; selected files deleted together after one confirmation that names how many.
 */
import { fireEvent, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { LibraryMedia } from '../../../common/contract/media';
import { fail } from '../../../common/result';
import { expectAccessible } from './accessibility';
import { adminBridge, adminCalls, openAdministration, setOnline } from './admin-fixtures';
import { ok } from './fake-bridge';

function media(id: string, name: string, kind: LibraryMedia['kind'], mime: string): LibraryMedia {
  return {
    mediaId: id,
    name,
    size: 14_359,
    mime,
    kind,
    url: `https://omni.mmdsmart.com/api/media/${id}`,
    thumbnail: kind === 'image' ? `https://omni.mmdsmart.com/api/media/${id}/thumbnail` : null,
    preview: null,
    ...(kind === 'image' ? { previewUrl: `/media/${id}/preview` } : {}),
  };
}

function mediaBridge() {
  let library = [media('m-1', 'logo.png', 'image', 'image/png'), media('m-2', 'terms.pdf', 'file', 'application/pdf'), media('m-3', 'promo.mp4', 'video', 'video/mp4')];
  const bridge = adminBridge();
  bridge.answer('admin:media', ({ type }) => {
    const items = library.filter((item) => type === undefined || item.kind === type);
    return ok({ items, total: items.length });
  });
  bridge.answer('admin:delete-media', ({ ids }) => {
    library = library.filter((item) => !ids.includes(item.mediaId));
    return ok({});
  });
  bridge.answer('media:prepare', ({ path }) =>
    ok({ uploadId: `up-${path}`, name: 'menu.jpg', size: 2048, mime: 'image/jpeg', kind: 'image', acceptedBy: ['WA', 'VI', 'TG', 'RCS'] }),
  );
  bridge.answer('media:upload', ({ channelType }) => {
    if (channelType === 'VI') return fail('VALIDATION', 'Viber channels cannot send "menu.jpg" at 2 KB');
    library = [...library, media('m-4', 'menu.jpg', 'image', 'image/jpeg')];
    return ok({
      uploadId: 'up-1',
      mediaId: 'm-4',
      name: 'menu.jpg',
      size: 2048,
      mime: 'image/jpeg',
      kind: 'image',
      payload: {
        type: 'IMAGE',
        category: 'UNSPECIFIED',
        src: { mime: 'image/jpeg', size: 2048, uri: 'https://omni.mmdsmart.com/api/media/m-4' },
        thumbnail: { mime: 'image/jpeg', size: 0, uri: 'https://omni.mmdsmart.com/api/media/m-4/thumbnail' },
        preview: { mime: 'image/jpeg', size: 0, uri: 'https://omni.mmdsmart.com/api/media/m-4/preview' },
      },
      reused: false,
    });
  });
  return bridge;
}

async function openMedia(bridge = mediaBridge()) {
  await openAdministration(bridge, 'Media');
  const panel = screen.getByRole('tabpanel');
  await within(panel).findByText('logo.png');
  return { bridge, panel };
}

function pick(panel: HTMLElement, file: File): Promise<boolean> {
  const input = within(panel).getByLabelText('Upload files');
  Object.defineProperty(input, 'files', { configurable: true, value: [file] });
  return fireEvent.change(input);
}

afterEach(() => setOnline(true));

describe('media library', () => {
  it('shows previews through the media route and narrows by type', async () => {
    const { bridge, panel } = await openMedia();
    expect(within(panel).getByRole('img', { name: 'logo.png' })).toHaveAttribute('src', '/media/m-1/preview');
    expect(within(panel).getByText('terms.pdf')).toBeInTheDocument();
    expectAccessible();
    await fireEvent.change(within(panel).getByLabelText('Filter by type'), { target: { value: 'video' } });
    expect(await within(panel).findByText('promo.mp4')).toBeInTheDocument();
    expect(within(panel).queryByText('logo.png')).toBeNull();
    expect(bridge.inputsOf('admin:media').at(-1)).toEqual({ offset: 0, limit: 50, type: 'video' });
  });

  it('deletes the selected files together after one confirmation naming how many', async () => {
    const { bridge, panel } = await openMedia();
    await fireEvent.click(within(panel).getByRole('checkbox', { name: 'logo.png' }));
    await fireEvent.click(within(panel).getByRole('checkbox', { name: 'terms.pdf' }));
    await fireEvent.click(within(panel).getByRole('button', { name: 'Delete selected (2)' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Delete 2 files?' });
    expect(confirm).toHaveAccessibleDescription(/The 2 selected files are deleted for good/);
    expectAccessible();
    await fireEvent.click(within(confirm).getByRole('button', { name: 'Delete' }));
    expect(bridge.inputsOf('admin:delete-media')).toEqual([{ ids: ['m-1', 'm-2'] }]);
    await within(panel).findByRole('button', { name: 'Delete selected (0)' });
    expect(within(panel).queryByText('logo.png')).toBeNull();
  });

  it('uploads through the composer’s pipeline for the chosen channel type, and says why a file was refused', async () => {
    const { bridge, panel } = await openMedia();
    await pick(panel, new File(['x'], 'menu.jpg', { type: 'image/jpeg' }));
    expect(await within(panel).findByText('1 file uploaded.')).toBeInTheDocument();
    expect(await within(panel).findByText('menu.jpg')).toBeInTheDocument();
    expect(bridge.inputsOf('media:upload')).toEqual([{ path: '/home/agent/Downloads/menu.jpg', channelType: 'WA', uploadId: 'up-/home/agent/Downloads/menu.jpg' }]);

    await fireEvent.change(within(panel).getByLabelText('Check uploads for'), { target: { value: 'VI' } });
    await pick(panel, new File(['x'], 'menu.jpg', { type: 'image/jpeg' }));
    expect(await within(panel).findByRole('alert')).toHaveTextContent('“menu.jpg” was not uploaded. The service refused it: Viber channels cannot send');
  });

  it('uploads nothing offline and says so', async () => {
    const { bridge, panel } = await openMedia();
    setOnline(false);
    await pick(panel, new File(['x'], 'menu.jpg', { type: 'image/jpeg' }));
    expect(await within(panel).findByRole('alert')).toHaveTextContent('You are offline, so nothing was changed');
    expect(adminCalls(bridge).filter((channel) => channel !== 'admin:media')).toEqual([]);
    expect(bridge.calls.filter((call) => call.channel.startsWith('media:'))).toEqual([]);
  });
});
