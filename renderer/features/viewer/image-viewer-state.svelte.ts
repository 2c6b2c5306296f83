/**
 * What the image viewer shows: which of the conversation's pictures (by message key, so loading older messages in
 * front keeps the place), and how far it is zoomed and panned. Scale 1 is the picture fitted to the stage, never
 * larger than its natural size; zoom stays within [1, maxScale]; pan is clamped so the zoomed picture always covers
 * the stage where it is larger than it and stays centred where it is not.
 */
import type { ViewedImage } from './conversation-images';

export const maxScale = 8;
const zoomFactor = 1.25;
/** How far one arrow key pans a zoomed picture, in CSS pixels. */
export const panStep = 48;

export interface Size {
  width: number;
  height: number;
}

export class ImageViewerState {
  key = $state<string>('');
  scale = $state(1);
  x = $state(0);
  y = $state(0);

  readonly #images: () => readonly ViewedImage[];
  /** The picture at scale 1 and the stage it sits in, as the component measures them when asked. */
  readonly #measure: () => { picture: Size; stage: Size };

  readonly images = $derived.by(() => this.#images());
  readonly index = $derived(this.images.findIndex((image) => image.key === this.key));
  readonly current = $derived<ViewedImage | undefined>(this.images[this.index]);
  readonly zoomed = $derived(this.scale > 1);

  constructor(images: () => readonly ViewedImage[], startKey: string, measure: () => { picture: Size; stage: Size }) {
    this.#images = images;
    this.#measure = measure;
    this.key = startKey;
  }

  get hasPrevious(): boolean {
    return this.index > 0;
  }

  get hasNext(): boolean {
    return this.index >= 0 && this.index < this.images.length - 1;
  }

  previous(): void {
    if (this.hasPrevious) this.#show(this.index - 1);
  }

  next(): void {
    if (this.hasNext) this.#show(this.index + 1);
  }

  zoomIn(): void {
    this.#zoomTo(this.scale * zoomFactor);
  }

  zoomOut(): void {
    this.#zoomTo(this.scale / zoomFactor);
  }

  resetZoom(): void {
    this.scale = 1;
    this.x = 0;
    this.y = 0;
  }

  /** Moves the zoomed picture by (dx, dy) pixels, as far as the stage allows. */
  pan(dx: number, dy: number): void {
    const limit = this.#panLimit();
    this.x = clamp(this.x + dx, -limit.width, limit.width);
    this.y = clamp(this.y + dy, -limit.height, limit.height);
  }

  #show(index: number): void {
    const image = this.images[index];
    if (image === undefined) return;
    this.key = image.key;
    this.resetZoom();
  }

  #zoomTo(scale: number): void {
    // Steps of 1.25 land near but not on 1 and the maximum; snap so "reset" and the bounds are exact.
    const snapped = Math.abs(scale - 1) < 0.01 ? 1 : scale;
    this.scale = clamp(snapped, 1, maxScale);
    this.pan(0, 0);
  }

  /** How far the picture may move from the centre each way: half of what the zoomed picture overhangs the stage. */
  #panLimit(): Size {
    const { picture, stage } = this.#measure();
    return {
      width: Math.max(0, (picture.width * this.scale - stage.width) / 2),
      height: Math.max(0, (picture.height * this.scale - stage.height) / 2),
    };
  }
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
