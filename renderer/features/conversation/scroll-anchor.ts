/**
 * Where the conversation's scroll position goes when what it shows changes: at the newest message when a
 * conversation opens, and kept there while the agent has not scrolled away (new messages, images and videos that
 * take their size only once loaded, a taller reply box); kept on the same message when older ones are added above.
 */

/** How close to an edge counts as being there, in pixels. */
export const nearEdgePx = 120;

export interface ScrollMetrics {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
}

export function isNearBottom(metrics: ScrollMetrics): boolean {
  return metrics.scrollHeight - metrics.scrollTop - metrics.clientHeight < nearEdgePx;
}

export function isNearTop(metrics: ScrollMetrics): boolean {
  return metrics.scrollTop < nearEdgePx;
}

/**
 * What changed: another conversation opened; older messages were put in front (`before` is how it looked just
 * before); or anything else grew or shrank (new messages, media that loaded, the pane's own height).
 */
export type ContentChange = { kind: 'opened' } | { kind: 'older-added'; before: ScrollMetrics } | { kind: 'resized' };

/**
 * The scrollTop to set after a change, or undefined to leave it. `pinned` says the agent was at the newest message
 * and has not scrolled away since, which a change of size alone (an image loading above it) does not undo.
 */
export function anchoredScrollTop(change: ContentChange, pinned: boolean, after: ScrollMetrics): number | undefined {
  if (change.kind === 'opened') return after.scrollHeight;
  if (change.kind === 'older-added') {
    // The same distance from the bottom is the same message at the same place on screen.
    return pinned ? after.scrollHeight : after.scrollHeight - (change.before.scrollHeight - change.before.scrollTop);
  }
  return pinned ? after.scrollHeight : undefined;
}
