/**
 * The renderer's own storage (`localStorage`), kept across restarts: for small preferences such as whether a panel
 * is open. Undefined where the page may not use it (storage denied), and then preferences last for the session.
 */
export function rendererStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
