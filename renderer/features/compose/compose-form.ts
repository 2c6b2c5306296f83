/** What the composer hands each of its forms (Location, Contact). */
import type { ChannelType, MessagePayload } from '../../../common/domain';
import type { Result } from '../../../common/result';

export interface ComposeFormProps {
  channelType: ChannelType | null;
  /** Resolves once the outbox has taken the payload (or refused it). */
  onSend: (payload: MessagePayload) => Promise<Result<unknown>>;
  onClose: () => void;
}
