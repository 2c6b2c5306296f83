/**
 * Where the conversation's scroll position goes when what it shows changes: at the newest message when a
 * conversation opens, and kept there while the agent has not scrolled away (new messages, images and videos that
 * take their size only once loaded, a taller reply box); kept on the message the agent is reading when the window
 * moves around it (older messages added above, or the far end let go).
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
 * What changed: another conversation opened; the window moved, and the message the agent was reading went `by`
 * pixels further down the content (older messages put in front of it; negative when older ones above it were let
 * go); or anything else grew or shrank (new messages, media that loaded, the pane's own height).
 */
export type ContentChange = { kind: 'opened' } | { kind: 'shifted'; by: number } | { kind: 'resized' };

/** A message on screen: its key, and how far its top is below the top of the thread's view (negative: above it). */
export interface MessagePlace {
  key: string;
  top: number;
}

/**
 * The scrollTop to set after a change, or undefined to leave it. `pinned` says the agent was at the newest message
 * and has not scrolled away since, which a change of size alone (an image loading above it) does not undo.
 */
export function anchoredScrollTop(change: ContentChange, pinned: boolean, after: ScrollMetrics): number | undefined {
  if (change.kind === 'opened') return after.scrollHeight;
  // Scrolled by as much as the message moved, it is at the same place on screen.
  if (change.kind === 'shifted') return pinned ? after.scrollHeight : after.scrollTop + change.by;
  return pinned ? after.scrollHeight : undefined;
}
