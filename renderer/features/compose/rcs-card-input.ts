/**
 * What the RCS card builder's fields make: one card or a carousel of cards, each with a title, a description, an
 * optional picture and the replies the customer can tap, checked field by field before anything is sent. The
 * reference has no single rich-card payload for RCS (lines 3516-3586): one card goes as a carousel of one.
 */
import { buildCarousel, type CarouselCardInput } from '../../../common/payloads/builders';
import type { CardMedia, CarouselPayload, carouselWidths, MediaRef } from '../../../common/payloads/schemas';
import type { Result } from '../../../common/result';

export type CardWidth = (typeof carouselWidths)[number];
export type MediaHeight = NonNullable<CardMedia['height']>;

/** The reference's enums (line 3592 for the width, 3598 for the media height), as agents read them. */
export const cardWidthLabels = { CARD_WIDTH_UNSPECIFIED: 'Default', SMALL: 'Small', MEDIUM: 'Medium' } as const satisfies Record<CardWidth, string>;
export const mediaHeightLabels = { SHORT: 'Short', MEDIUM: 'Medium', TALL: 'Tall' } as const satisfies Record<MediaHeight, string>;

/** A picture for a card, as an upload or the media library gives it. */
export interface CardPicture {
  name: string;
  src: MediaRef;
  thumbnail?: MediaRef;
  /** Where the renderer shows it in the preview. */
  previewUrl?: string;
}

export interface CardDraft {
  title: string;
  description: string;
  /** One reply per line; blank lines are left out. */
  replies: string;
  picture?: CardPicture;
  height: MediaHeight;
}

export function emptyCard(): CardDraft {
  return { title: '', description: '', replies: '', height: 'MEDIUM' };
}

export interface CardProblems {
  title?: string;
  description?: string;
}

export function repliesOf(card: CardDraft): string[] {
  return card.replies
    .split('\n')
    .map((reply) => reply.trim())
    .filter((reply) => reply !== '');
}

/** What is wrong with each card (an empty object for a good one), in the cards' order. */
export function cardProblems(cards: readonly CardDraft[]): CardProblems[] {
  return cards.map((card) => ({
    ...(card.title.trim() === '' ? { title: 'A card needs a title' } : {}),
    ...(card.description.trim() === '' ? { description: 'A card needs a description' } : {}),
  }));
}

/** The carousel the cards make, or undefined while a card has a problem (each says so itself). */
export function buildCards(width: CardWidth, cards: readonly CardDraft[]): Result<CarouselPayload> | undefined {
  if (cards.length === 0 || cardProblems(cards).some((problems) => Object.keys(problems).length > 0)) return undefined;
  const inputs = cards.map((card): CarouselCardInput => ({
    title: card.title.trim(),
    description: card.description.trim(),
    replies: repliesOf(card),
    ...(card.picture === undefined
      ? {}
      : {
          media: {
            // The card media's `tag` is required and undescribed (line 3565): the file's name, as the sandbox seeds it.
            tag: card.picture.name,
            height: card.height,
            src: card.picture.src,
            ...(card.picture.thumbnail === undefined ? {} : { thumbnail: card.picture.thumbnail }),
          },
        }),
  }));
  return buildCarousel(width, inputs);
}
