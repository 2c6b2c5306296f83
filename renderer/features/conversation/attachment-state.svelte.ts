/**
 * A file the agent dropped on the conversation or picked, on its way to the customer: named to main by the bridge
 * (a path in Electron, a staged reference in browser mode), checked by `media:prepare` (what it is, whether the
 * conversation's channel takes it), uploaded with progress on send (`media:upload`, `media:progress`), and sent as
 * the payload the upload answers. One attachment at a time; a new file replaces the one waiting.
 */
import type { InboxBridge, PickedFile } from '../../../common/contract';
import type { PreparedMedia, UploadedMedia } from '../../../common/contract/media';
import type { ChannelType } from '../../../common/domain';
import { isSendableChannelType, type SendableChannelType } from '../../../common/payloads';
import { fail, ok, type InboxError, type Result } from '../../../common/result';
import { channelNames } from '../channels/channel-names';

export type AttachmentStatus = 'checking' | 'ready' | 'refused' | 'uploading';

export class Attachment {
  /** What the agent chose, shown from the start; `prepared` replaces it with what main found the file to be. */
  readonly name: string;
  readonly size: number;
  status = $state<AttachmentStatus>('checking');
  prepared = $state.raw<PreparedMedia | undefined>(undefined);
  /** Why it cannot be sent (too large, unsupported type, not taken by this channel), or why the upload failed. */
  error = $state.raw<InboxError | undefined>(undefined);
  sentBytes = $state(0);

  #reference: string | undefined;
  #stopped = false;

  constructor(
    private readonly bridge: InboxBridge,
    private readonly file: PickedFile,
    /** The channel the conversation is on: the file must be one it can carry. */
    private readonly channelType: ChannelType | null,
  ) {
    this.name = file.name;
    this.size = file.size;
  }

  /** Names the file to main and has it checked; settles on `ready` or `refused`. */
  async check(): Promise<void> {
    const reference = await this.bridge.fileReference(this.file);
    if (this.#stopped) return;
    if (!reference.ok) return this.#refuse(reference.error);
    this.#reference = reference.value;
    const prepared = await this.bridge.invoke('media:prepare', { path: reference.value });
    if (this.#stopped) return;
    if (!prepared.ok) return this.#refuse(prepared.error);
    this.prepared = prepared.value;
    const channel = this.#sendableChannel();
    if (!channel.ok) return this.#refuse(channel.error);
    if (!prepared.value.acceptedBy.includes(channel.value)) {
      const kind = prepared.value.kind === 'file' ? 'this kind of file' : `${prepared.value.kind} files`;
      return this.#refuse(fail('VALIDATION', `${channelNames[channel.value]} does not take ${kind}`, { field: 'file' }).error);
    }
    this.status = 'ready';
  }

  /** Uploads the file (once; the service reuses an earlier upload of the same bytes) and answers its payload. */
  async upload(): Promise<Result<UploadedMedia>> {
    const channel = this.#sendableChannel();
    if (this.status !== 'ready' || this.#reference === undefined || this.prepared === undefined || !channel.ok) {
      return fail('BAD_INPUT', `"${this.name}" is not ready to send`);
    }
    this.status = 'uploading';
    this.error = undefined;
    this.sentBytes = 0;
    const uploaded = await this.bridge.invoke('media:upload', {
      path: this.#reference,
      channelType: channel.value,
      uploadId: this.prepared.uploadId,
    });
    if (this.#stopped) return fail('CANCELLED', 'The upload was cancelled');
    if (uploaded.ok) {
      this.sentBytes = uploaded.value.size;
    } else {
      this.status = 'ready';
      this.error = uploaded.error;
    }
    return uploaded;
  }

  /** Follows `media:progress` for this file's upload. */
  progress(uploadId: string, sentBytes: number): void {
    if (this.status === 'uploading' && this.prepared?.uploadId === uploadId) this.sentBytes = sentBytes;
  }

  /** Forgets the file; stops its upload if one is under way. */
  async stop(): Promise<void> {
    this.#stopped = true;
    const uploadId = this.prepared?.uploadId;
    if (this.status === 'uploading' && uploadId !== undefined) await this.bridge.invoke('media:cancel', { uploadId });
  }

  #sendableChannel(): Result<SendableChannelType> {
    const type = this.channelType;
    if (type === null) return fail('VALIDATION', 'Files can be sent once this conversation is on a channel: send a text first', { field: 'file' });
    if (!isSendableChannelType(type)) return fail('VALIDATION', `Files cannot be sent through ${channelNames[type]}`, { field: 'file' });
    return ok(type);
  }

  #refuse(error: InboxError): void {
    this.error = error;
    this.status = 'refused';
  }
}
