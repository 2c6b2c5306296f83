/**
 * The Media tab's state: the library a page at a time, of one type or all; files uploaded through the composer's
 * own pipeline (a picked-file reference, `media:prepare` for what the file is and its size, `media:upload` checked
 * against the channel type the agent means it for); and the files selected for one permanent, confirmed deletion.
 */
import { SvelteSet } from 'svelte/reactivity';
import type { InboxBridge, PickedFile } from '../../../common/contract';
import type { LibraryMedia } from '../../../common/contract/media';
import type { SendableChannelType } from '../../../common/payloads/channels';
import type { InboxError } from '../../../common/result';
import { AdminDeletion } from './admin-deletion.svelte';
import { AdminList } from './admin-list.svelte';
import { whenOnline } from './admin-words';

export type MediaTypeChoice = 'image' | 'video' | 'file';

/** The channel types a file in the library is sent through (SMS carries text only). */
export const mediaChannelChoices = ['WA', 'VI', 'TG', 'RCS', 'WECHAT'] as const satisfies readonly SendableChannelType[];
export type MediaChannelChoice = (typeof mediaChannelChoices)[number];

export interface UploadProblem {
  name: string;
  error: InboxError;
}

export class MediaState {
  readonly list: AdminList<LibraryMedia>;
  type = $state<MediaTypeChoice | undefined>(undefined);
  /** The channel type uploads are checked against (size and kind): where the file is meant to be sent. */
  channel = $state<MediaChannelChoice>('WA');
  /** Ids of the selected files. */
  readonly selected = new SvelteSet<string>();
  /** The name of the file being uploaded. */
  uploading = $state<string | undefined>(undefined);
  uploadProblems = $state.raw<UploadProblem[]>([]);
  uploadedNote = $state('');
  readonly deletion: AdminDeletion<LibraryMedia[]>;

  constructor(private readonly bridge: InboxBridge) {
    this.list = new AdminList(({ offset, limit }) => bridge.invoke('admin:media', { offset, limit, ...(this.type ? { type: this.type } : {}) }));
    this.deletion = new AdminDeletion(
      (items) => bridge.invoke('admin:delete-media', { ids: items.map((item) => item.mediaId) }),
      async () => {
        this.selected.clear();
        await this.list.reload();
      },
    );
  }

  async setType(type: MediaTypeChoice | undefined): Promise<void> {
    this.type = type;
    this.selected.clear();
    await this.list.reload();
  }

  toggle(media: LibraryMedia, on: boolean): void {
    if (on) this.selected.add(media.mediaId);
    else this.selected.delete(media.mediaId);
  }

  /** Asks to confirm the deletion of the selected files shown. */
  askDelete(): void {
    const items = this.list.items.filter((item) => this.selected.has(item.mediaId));
    if (items.length > 0) this.deletion.ask(items);
  }

  /** Uploads the files one after another; a refused one is said with its reason and the others still go. */
  async upload(files: readonly PickedFile[]): Promise<void> {
    if (this.uploading !== undefined || files.length === 0) return;
    this.uploadProblems = [];
    this.uploadedNote = '';
    let uploaded = 0;
    for (const file of files) {
      this.uploading = file.name;
      const answer = await whenOnline(() => this.#uploadOne(file));
      if (answer.ok) uploaded += 1;
      else this.uploadProblems = [...this.uploadProblems, { name: file.name, error: answer.error }];
    }
    this.uploading = undefined;
    if (uploaded > 0) {
      this.uploadedNote = uploaded === 1 ? '1 file uploaded.' : `${uploaded} files uploaded.`;
      await this.list.reload();
    }
  }

  async #uploadOne(file: PickedFile) {
    const reference = await this.bridge.fileReference(file);
    if (!reference.ok) return reference;
    const prepared = await this.bridge.invoke('media:prepare', { path: reference.value });
    if (!prepared.ok) return prepared;
    return this.bridge.invoke('media:upload', { path: reference.value, channelType: this.channel, uploadId: prepared.value.uploadId });
  }
}
