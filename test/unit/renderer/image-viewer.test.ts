/**
 * The image viewer as an agent uses it: a picture in the thread opens large in a modal dialog named after it, who
 * sent it and when; + and - (the buttons, the wheel) zoom between 100% and 800% and 0 resets; arrow keys pan a zoomed
 * picture within what overhangs the stage, and otherwise Left and Right walk the conversation's pictures in order;
 * Escape closes and gives focus back to the picture in the thread.
 */
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { Message, MessagePayload } from '../../../common/domain';
import ConversationPane from '../../../renderer/features/conversation/ConversationPane.svelte';
import { ConversationState } from '../../../renderer/features/conversation/conversation-state.svelte';
import { formatClock } from '../../../renderer/lib/time';
import { expectAccessible } from './accessibility';
import { FakeBridge, ok } from './fake-bridge';
import { fixedNow, makeCustomer, makeMessage } from './fixtures';

const api = 'https://api.2way.example/api/media/ent-1';

function picture(name: string, id: string): MessagePayload {
  return {
    type: 'IMAGE',
    category: 'UNSPECIFIED',
    name,
    src: { mime: 'image/jpeg', size: 250_000, uri: `${api}/${id}` },
    preview: { mime: 'image/jpeg', size: 0, uri: `${api}/${id}/preview` },
  };
}

const minutesAgo = (minutes: number) => fixedNow - minutes * 60_000;

/** Three pictures with a text and a PDF between them, oldest first; the second picture is the agent's. */
function thread(): Message[] {
  return [
    makeMessage({ key: 'k1', payload: picture('receipt.jpg', 'img-1'), sent: minutesAgo(50) }),
    makeMessage({ key: 'k2', payload: { type: 'TEXT', text: 'And the box:' }, sent: minutesAgo(40) }),
    makeMessage({ key: 'k3', payload: picture('box.jpg', 'img-2'), sent: minutesAgo(30), origin: 'AGENT', clientId: 'client-1' }),
    makeMessage({
      key: 'k4',
      payload: { type: 'MEDIA', category: 'APPLICATION', name: 'invoice.pdf', src: { mime: 'application/pdf', size: 10, uri: `${api}/doc-1` } },
      sent: minutesAgo(20),
    }),
    makeMessage({ key: 'k5', payload: picture('label.jpg', 'img-3'), sent: minutesAgo(10) }),
  ];
}

/** Shows the conversation; `window.items` is what main's cache answers from then on. */
async function showThread(window: { items: Message[] } = { items: thread() }) {
  const bridge = new FakeBridge({
    'messages:window': () => ok({ items: window.items, hasOlder: false, hasNewer: false, freshness: { lastSyncedAt: fixedNow } }),
  });
  const conversation = new ConversationState(bridge);
  conversation.listen();
  await conversation.open(makeCustomer(1, { name: 'Maria Lopez' }));
  render(ConversationPane, { conversation, now: fixedNow, mediaMode: 'browser', sendText: () => Promise.resolve(ok({})) });
  return bridge;
}

async function open(name: string) {
  const log = screen.getByRole('log', { name: 'Messages' });
  const opener = within(log).getByRole('button', { name: `View ${name} large` });
  opener.focus();
  await fireEvent.click(opener);
  return { opener, dialog: screen.getByRole('dialog') };
}

const shownPicture = (dialog: HTMLElement) => within(dialog).getByRole('img');
const zoomLevel = (dialog: HTMLElement) => within(dialog).getByLabelText('Zoom level').textContent;

/** jsdom lays nothing out: give the stage and the fitted picture the sizes a window would. */
function layOut(dialog: HTMLElement, picture: { width: number; height: number }, stage: { width: number; height: number }): void {
  const stageElement = shownPicture(dialog).parentElement;
  if (stageElement === null) throw new Error('The picture has no stage');
  for (const [element, size] of [
    [shownPicture(dialog), picture],
    [stageElement, stage],
  ] as const) {
    Object.defineProperty(element, 'clientWidth', { configurable: true, value: size.width });
    Object.defineProperty(element, 'clientHeight', { configurable: true, value: size.height });
  }
}

function translation(dialog: HTMLElement): { x: number; y: number } {
  const match = /translate\((-?[\d.]+)px, (-?[\d.]+)px\)/.exec(shownPicture(dialog).style.transform);
  if (match === null) throw new Error(`No translation in "${shownPicture(dialog).style.transform}"`);
  return { x: Number(match[1]), y: Number(match[2]) };
}

describe('the image viewer', () => {
  it('opens a picture large in a modal dialog named after it, who sent it and when', async () => {
    await showThread();
    const { dialog } = await open('box.jpg');
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(dialog).toHaveAccessibleName(`box.jpg, from You at ${formatClock(minutesAgo(30))}`);
    // The original file, not the preview the thread shows.
    expect(shownPicture(dialog)).toHaveAttribute('src', '/media/ent-1/img-2/original');
    expect(shownPicture(dialog)).toHaveAccessibleName('box.jpg');
    expect(dialog).toHaveTextContent('2 of 3');
    expect(dialog).toHaveFocus();
    expectAccessible();
  });

  it("names a customer's picture after the customer", async () => {
    await showThread();
    const { dialog } = await open('receipt.jpg');
    expect(dialog).toHaveAccessibleName(`receipt.jpg, from Maria Lopez at ${formatClock(minutesAgo(50))}`);
  });

  it("walks the conversation's pictures in order with Left and Right, skipping other messages, and stops at the ends", async () => {
    await showThread();
    const { dialog } = await open('receipt.jpg');
    const seen = () => shownPicture(dialog).getAttribute('alt');
    await fireEvent.keyDown(dialog, { key: 'ArrowLeft' });
    expect(seen()).toBe('receipt.jpg');
    await fireEvent.keyDown(dialog, { key: 'ArrowRight' });
    expect(seen()).toBe('box.jpg');
    await fireEvent.keyDown(dialog, { key: 'ArrowRight' });
    expect(seen()).toBe('label.jpg');
    expect(dialog).toHaveTextContent('3 of 3');
    await fireEvent.keyDown(dialog, { key: 'ArrowRight' });
    expect(seen()).toBe('label.jpg');
    expect(within(dialog).getByRole('button', { name: 'Next image' })).toHaveAttribute('aria-disabled', 'true');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Previous image' }));
    expect(seen()).toBe('box.jpg');
    expect(dialog).toHaveAccessibleName(`box.jpg, from You at ${formatClock(minutesAgo(30))}`);
  });

  it('keeps its place when older pictures come into the loaded window in front', async () => {
    const window = { items: thread() };
    const bridge = await showThread(window);
    const { dialog } = await open('box.jpg');
    window.items = [makeMessage({ key: 'k0', payload: picture('older.jpg', 'img-0'), sent: minutesAgo(90) }), ...thread()];
    bridge.emit('messages:changed', { customerId: makeCustomer(1).id, ids: ['k0'] });
    await vi.waitFor(() => expect(dialog).toHaveTextContent('3 of 4'));
    expect(shownPicture(dialog).getAttribute('alt')).toBe('box.jpg');
    await fireEvent.keyDown(dialog, { key: 'ArrowLeft' });
    await fireEvent.keyDown(dialog, { key: 'ArrowLeft' });
    expect(shownPicture(dialog).getAttribute('alt')).toBe('older.jpg');
  });

  it('zooms with + and - (and the buttons and the wheel) between 100% and 800%, and 0 resets', async () => {
    await showThread();
    const { dialog } = await open('receipt.jpg');
    expect(zoomLevel(dialog)).toBe('100%');
    await fireEvent.keyDown(dialog, { key: '-' });
    expect(zoomLevel(dialog)).toBe('100%');
    await fireEvent.keyDown(dialog, { key: '+' });
    expect(zoomLevel(dialog)).toBe('125%');
    expect(shownPicture(dialog).style.transform).toContain('scale(1.25)');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Zoom in' }));
    expect(zoomLevel(dialog)).toBe('156%');
    await fireEvent.wheel(within(dialog).getByRole('img').parentElement ?? dialog, { deltaY: -100 });
    expect(zoomLevel(dialog)).toBe('195%');
    for (let press = 0; press < 20; press += 1) await fireEvent.keyDown(dialog, { key: '=' });
    expect(zoomLevel(dialog)).toBe('800%');
    expect(within(dialog).getByRole('button', { name: 'Zoom in' })).toHaveAttribute('aria-disabled', 'true');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Zoom out' }));
    expect(zoomLevel(dialog)).toBe('640%');
    await fireEvent.keyDown(dialog, { key: '0' });
    expect(zoomLevel(dialog)).toBe('100%');
    // Browser zoom (Ctrl with + or 0) is not the viewer's.
    await fireEvent.keyDown(dialog, { key: '+', ctrlKey: true });
    expect(zoomLevel(dialog)).toBe('100%');
  });

  it('pans a zoomed picture with the arrow keys, no further than it overhangs the stage, instead of changing picture', async () => {
    await showThread();
    const { dialog } = await open('box.jpg');
    // A 400×300 picture fitted on an 800×600 stage: at 125% (500×375) nothing overhangs.
    layOut(dialog, { width: 400, height: 300 }, { width: 800, height: 600 });
    await fireEvent.keyDown(dialog, { key: '+' });
    await fireEvent.keyDown(dialog, { key: 'ArrowRight' });
    expect(translation(dialog)).toEqual({ x: 0, y: 0 });
    expect(shownPicture(dialog).getAttribute('alt')).toBe('box.jpg');
    for (let press = 0; press < 3; press += 1) await fireEvent.keyDown(dialog, { key: '+' });
    expect(zoomLevel(dialog)).toBe('244%');
    await fireEvent.keyDown(dialog, { key: 'ArrowRight' });
    expect(translation(dialog)).toEqual({ x: -48, y: 0 });
    for (let press = 0; press < 5; press += 1) await fireEvent.keyDown(dialog, { key: 'ArrowRight' });
    for (let press = 0; press < 5; press += 1) await fireEvent.keyDown(dialog, { key: 'ArrowUp' });
    // At 1.25⁴ the picture is 977×732: it overhangs 88 px each side across and 66 px each side down.
    const edge = translation(dialog);
    expect(edge.x).toBeCloseTo(-88, 0);
    expect(edge.y).toBeCloseTo(66, 0);
    expect(shownPicture(dialog).getAttribute('alt')).toBe('box.jpg');
    // Zooming back out keeps the picture on the stage.
    await fireEvent.keyDown(dialog, { key: '0' });
    expect(translation(dialog)).toEqual({ x: 0, y: 0 });
    await fireEvent.keyDown(dialog, { key: 'ArrowRight' });
    expect(shownPicture(dialog).getAttribute('alt')).toBe('label.jpg');
  });

  it('pans a zoomed picture by dragging it', async () => {
    await showThread();
    const { dialog } = await open('box.jpg');
    layOut(dialog, { width: 400, height: 300 }, { width: 800, height: 600 });
    for (let press = 0; press < 4; press += 1) await fireEvent.keyDown(dialog, { key: '+' });
    const stage = shownPicture(dialog).parentElement ?? dialog;
    await fireEvent.pointerDown(stage, { button: 0, clientX: 100, clientY: 100, pointerId: 1 });
    await fireEvent.pointerMove(stage, { clientX: 130, clientY: 90, pointerId: 1 });
    await fireEvent.pointerUp(stage, { pointerId: 1 });
    expect(translation(dialog)).toEqual({ x: 30, y: -10 });
    await fireEvent.pointerMove(stage, { clientX: 200, clientY: 200, pointerId: 1 });
    expect(translation(dialog)).toEqual({ x: 30, y: -10 });
  });

  it('closes with Escape and gives focus back to the picture that opened it', async () => {
    await showThread();
    const { opener, dialog } = await open('label.jpg');
    await fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
  });

  it('closes with its Close button too', async () => {
    await showThread();
    const { opener, dialog } = await open('receipt.jpg');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
  });
});
