/**
 * Files on their way to the customer, in the order the agent picked, dropped or pasted them (or chose them from the
 * media library). A file is named to main by the bridge (a path in Electron, a staged reference in browser mode),
 * checked by `media:prepare` (what it is, whether the channel sends go through takes it and at that size), uploaded
 * with progress on Send (`media:upload`, `media:progress`), and sent as the payload the upload answers, each as its
 * own message. A file from the library is on the service already: it is checked the same way and sent without an
 * upload.
 */
import type { InboxBridge, PickedFile } from '../../../common/contract';
import type { LibraryMedia, MediaLibraryPage, PreparedMedia } from '../../../common/contract/media';
import type { ChannelType } from '../../../common/domain';
import { channelSizeRefusal, channelsAccepting } from '../../../common/media-acceptance';
import { isSendableChannelType, type SendableChannelType } from '../../../common/payloads';
import { payloadFromUpload } from '../../../common/payloads/from-upload';
import type { ImagePayload, MediaFilePayload } from '../../../common/payloads/schemas';
import { fail, ok, type InboxError, type Result } from '../../../common/result';
import { channelNames } from '../channels/channel-names';

/** `uploaded`: on its way to the outbox. */
export type AttachmentStatus = 'checking' | 'ready' | 'refused' | 'uploading' | 'uploaded';
export type FilePayload = ImagePayload | MediaFilePayload;
/** The type of the channel sends go through now (null: none yet); read again whenever it matters. */
export type ChannelOf = () => ChannelType | null;

type Source = { from: 'file'; file: PickedFile } | { from: 'library'; media: LibraryMedia };
/** What the file turned out to be, and which channel types carry it: main's check, or the library's own record. */
type Found = Pick<PreparedMedia, 'kind' | 'size' | 'mime' | 'acceptedBy'>;

let nextKey = 0;

/** Makes an object URL of a picked image for its preview, where the page can (jsdom cannot). */
function localPreview(file: PickedFile): string | undefined {
  return typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file) : undefined;
}

function releasePreview(url: string | undefined): void {
  if (url?.startsWith('blob:') && typeof URL.revokeObjectURL === 'function') URL.revokeObjectURL(url);
}

/** Why the channel cannot carry a file of this kind and size, named for the agent; undefined when it can. */
export function channelRefusal(found: Found & { name: string }, channelType: ChannelType | null): InboxError | undefined {
  if (channelType === null) return fail('VALIDATION', 'Files can be sent once this conversation is on a channel: send a text first', { field: 'file' }).error;
  if (!isSendableChannelType(channelType)) return fail('VALIDATION', `Files cannot be sent through ${channelNames[channelType]}`, { field: 'file' }).error;
  const channelName = channelNames[channelType];
  if (!found.acceptedBy.includes(channelType)) {
    const what = found.kind === 'file' ? 'this kind of file' : `${found.kind} files`;
    return fail('VALIDATION', `${channelName} does not take ${what}`, { field: 'file' }).error;
  }
  return channelSizeRefusal(found, channelType, channelName);
}

export class Attachment {
  /** Tells attachments of the same name apart in lists. */
  readonly key = ++nextKey;
  readonly name: string;
  readonly size: number;
  readonly fromLibrary: boolean;
  status = $state<AttachmentStatus>('checking');
  found = $state.raw<Found | undefined>(undefined);
  /** Main refused the file: unreadable, too large for the service, not a type it takes. */
  error = $state.raw<InboxError | undefined>(undefined);
  /** Why the last upload failed; the file can be sent again. */
  uploadError = $state.raw<InboxError | undefined>(undefined);
  sentBytes = $state(0);
  /** A small picture of an image before it is sent: the picked file itself, or the library's preview. */
  previewUrl = $state<string | undefined>(undefined);

  #reference: string | undefined;
  #uploadId: string | undefined;
  #stopped = false;
  /** The agent cancelled the upload under way: the file stays, ready to go again. */
  #cancelled = false;

  constructor(
    private readonly bridge: InboxBridge,
    private readonly source: Source,
    private readonly channelOf: ChannelOf,
  ) {
    if (source.from === 'file') {
      this.name = source.file.name;
      this.size = source.file.size;
    } else {
      this.name = source.media.name ?? `${source.media.kind} ${source.media.mediaId.slice(0, 8)}`;
      this.size = source.media.size;
    }
    this.fromLibrary = source.from === 'library';
  }

  /** Why it cannot be sent now: main's refusal, or the chosen channel not taking it (which follows the choice). */
  get problem(): InboxError | undefined {
    if (this.error !== undefined) return this.error;
    return this.found === undefined ? undefined : channelRefusal({ ...this.found, name: this.name }, this.channelOf());
  }

  get sendable(): boolean {
    return this.status === 'ready' && this.problem === undefined;
  }

  /** Names the file to main and has it checked (a library file needs neither); settles on `ready` or `refused`. */
  async check(): Promise<void> {
    if (this.source.from === 'library') {
      const { kind, size, mime, previewUrl } = this.source.media;
      this.found = { kind, size, mime, acceptedBy: channelsAccepting(kind) };
      if (kind === 'image') this.previewUrl = previewUrl;
      this.status = 'ready';
      return;
    }
    const file = this.source.file;
    const reference = await this.bridge.fileReference(file);
    if (this.#stopped) return;
    if (!reference.ok) return this.#refuse(reference.error);
    this.#reference = reference.value;
    const prepared = await this.bridge.invoke('media:prepare', { path: reference.value });
    if (this.#stopped) return;
    if (!prepared.ok) return this.#refuse(prepared.error);
    this.#uploadId = prepared.value.uploadId;
    this.found = prepared.value;
    if (prepared.value.kind === 'image') this.previewUrl = localPreview(file);
    this.status = 'ready';
  }

  /**
   * The payload that sends this file through the channel of the moment: uploaded first (once; the service reuses
   * an earlier upload of the same bytes), or, for a library file, pointing at the file the service holds.
   */
  async payload(): Promise<Result<FilePayload>> {
    const channel = this.channelOf();
    if (!this.sendable || channel === null || !isSendableChannelType(channel)) {
      return fail('BAD_INPUT', `"${this.name}" is not ready to send`);
    }
    if (this.source.from === 'library') return payloadFromLibrary(this.source.media, channel);
    return this.#upload(channel);
  }

  async #upload(channel: SendableChannelType): Promise<Result<FilePayload>> {
    if (this.#reference === undefined) return fail('BAD_INPUT', `"${this.name}" is not ready to send`);
    this.status = 'uploading';
    this.uploadError = undefined;
    this.sentBytes = 0;
    this.#cancelled = false;
    const uploaded = await this.bridge.invoke('media:upload', {
      path: this.#reference,
      channelType: channel,
      ...(this.#uploadId === undefined ? {} : { uploadId: this.#uploadId }),
    });
    if (this.#stopped || this.#cancelled) {
      this.status = 'ready';
      this.sentBytes = 0;
      return fail('CANCELLED', `The upload of "${this.name}" was cancelled`);
    }
    if (!uploaded.ok) {
      this.status = 'ready';
      this.uploadError = uploaded.error;
      return uploaded;
    }
    this.status = 'uploaded';
    this.sentBytes = uploaded.value.size;
    return ok(uploaded.value.payload);
  }

  /** The outbox did not take the payload: the file waits again (its bytes are remembered, so no second upload). */
  unsent(): void {
    if (this.status === 'uploaded') this.status = 'ready';
  }

  /** Follows `media:progress` for this file's upload. */
  progress(uploadId: string, sentBytes: number): void {
    if (this.status === 'uploading' && this.#uploadId === uploadId) this.sentBytes = sentBytes;
  }

  /** Stops the upload under way and keeps the file, ready to be sent again; nothing else is touched. */
  async cancel(): Promise<void> {
    if (this.status !== 'uploading' || this.#uploadId === undefined) return;
    this.#cancelled = true;
    await this.bridge.invoke('media:cancel', { uploadId: this.#uploadId });
  }

  /** Forgets the file; stops its upload if one is under way. */
  async stop(): Promise<void> {
    const uploading = this.status === 'uploading';
    this.#stopped = true;
    releasePreview(this.previewUrl);
    if (uploading && this.#uploadId !== undefined) await this.bridge.invoke('media:cancel', { uploadId: this.#uploadId });
  }

  #refuse(error: InboxError): void {
    this.error = error;
    this.status = 'refused';
  }
}

/** Why a library file cannot be sent through the channel, as `channelRefusal` says it of a picked file. */
export function libraryRefusal(media: LibraryMedia, channelType: ChannelType | null): InboxError | undefined {
  const found = { kind: media.kind, size: media.size, mime: media.mime, acceptedBy: channelsAccepting(media.kind) };
  return channelRefusal({ ...found, name: media.name ?? 'This file' }, channelType);
}

/** A library file as a send payload through `channel`, the way an upload's answer becomes one. */
export function payloadFromLibrary(media: LibraryMedia, channel: SendableChannelType): Result<FilePayload> {
  return payloadFromUpload(
    {
      _id: media.mediaId,
      type: media.kind,
      mime_type: media.mime,
      full_size: media.size,
      file_name: media.name,
      url: media.url,
      thumbnail: media.thumbnail,
      preview: media.preview,
    },
    channel,
  );
}

/**
 * The files waiting to go to the open conversation, in order. Send sends the ready ones one after another, each
 * as its own message, and stops at the first that fails so none overtakes it; a cancelled upload stays in the tray
 * and the rest go on.
 */
export class AttachmentTray {
  items = $state.raw<Attachment[]>([]);

  constructor(
    private readonly bridge: InboxBridge,
    private readonly channelOf: ChannelOf,
  ) {}

  get busy(): boolean {
    return this.items.some((attachment) => attachment.status === 'checking' || attachment.status === 'uploading' || attachment.status === 'uploaded');
  }

  get anySendable(): boolean {
    return this.items.some((attachment) => attachment.sendable);
  }

  /** Takes picked, dropped or pasted files after those already waiting, and has main check each. */
  add(files: Iterable<PickedFile>): void {
    const added = [...files].map((file) => new Attachment(this.bridge, { from: 'file', file }, this.channelOf));
    this.#append(added);
  }

  /** Takes a file from the media library, to be sent without uploading it again. */
  addFromLibrary(media: LibraryMedia): void {
    this.#append([new Attachment(this.bridge, { from: 'library', media }, this.channelOf)]);
  }

  /** A page of the media library, for the picker. */
  library(query: { offset: number; limit: number; type?: 'image' | 'video' | 'file' }): Promise<Result<MediaLibraryPage>> {
    return this.bridge.invoke('media:list', query);
  }

  remove(attachment: Attachment): void {
    void attachment.stop();
    this.items = this.items.filter((item) => item !== attachment);
  }

  clear(): void {
    for (const attachment of this.items) void attachment.stop();
    this.items = [];
  }

  progress(uploadId: string, sentBytes: number): void {
    for (const attachment of this.items) attachment.progress(uploadId, sentBytes);
  }

  /**
   * Sends the files ready now, in order, each through `send` once its payload is ready. Answers a failure when one
   * did not go (it says why on itself, and the files after it wait), or CANCELLED when the agent cancelled or
   * removed one, so words sent with the files stay in the draft.
   */
  async sendAll(send: (payload: FilePayload) => Promise<Result<unknown>>): Promise<Result<unknown>> {
    const queued = this.items.filter((attachment) => attachment.sendable);
    if (queued.length === 0) return fail('BAD_INPUT', 'No file is waiting to be sent');
    let skipped = false;
    for (const attachment of queued) {
      if (!this.items.includes(attachment) || !attachment.sendable) {
        skipped = true;
        continue;
      }
      const payload = await attachment.payload();
      if (!this.items.includes(attachment) || (!payload.ok && payload.error.code === 'CANCELLED')) {
        skipped = true;
        continue;
      }
      if (!payload.ok) return payload;
      const sent = await send(payload.value);
      if (!sent.ok) {
        attachment.unsent();
        return sent;
      }
      this.remove(attachment);
    }
    return skipped ? fail('CANCELLED', 'A file was cancelled or removed before it was sent') : ok(undefined);
  }

  #append(added: Attachment[]): void {
    if (added.length === 0) return;
    this.items = [...this.items, ...added];
    for (const attachment of added) void attachment.check();
  }
}

