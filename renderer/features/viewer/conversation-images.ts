/**
 * The pictures of the loaded window of a conversation, oldest first, as the image viewer walks through them: each
 * with the address of its largest version the app can serve (the original file, else the inline picture), and who
 * sent it when, which names the viewer's dialog.
 */
import type { Message } from '../../../common/domain';
import { shownMediaUrl, type MediaMode } from '../../lib/media';
import { originLabel } from '../conversation/message-groups';
import { viewPayload } from '../conversation/payload-view';

export interface ViewedImage {
  /** The message's key: the viewer keeps its place by it when older messages load in front. */
  key: string;
  src: string;
  name: string;
  sender: string;
  sent: number;
}

export function conversationImages(messages: readonly Message[], customerName: string, mediaMode: MediaMode): ViewedImage[] {
  const images: ViewedImage[] = [];
  for (const message of messages) {
    const view = viewPayload(message.payload);
    if (view.kind !== 'media' || view.shownAs !== 'image') continue;
    const src = shownMediaUrl(view.uri, mediaMode) ?? shownMediaUrl(view.pictureUri, mediaMode);
    if (src === undefined) continue;
    images.push({ key: message.key, src, name: view.name ?? 'Image', sender: originLabel(message) ?? customerName, sent: message.sent });
  }
  return images;
}
