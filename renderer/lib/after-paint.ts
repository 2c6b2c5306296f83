/**
 * Resolves once the next frame has been painted: work that can wait (the composer's lookups, telling sync what is
 * on screen) goes after what the agent is waiting to see instead of lengthening the task that shows it. A window
 * that does not paint (hidden, minimised: no animation frames) still gets the work after a short wait.
 */
const notPaintingAfterMs = 100;

export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(fallback);
      resolve();
    };
    const fallback = setTimeout(finish, notPaintingAfterMs);
    // The frame's callbacks run before it paints; a task queued from one runs after.
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(finish, 0));
  });
}
