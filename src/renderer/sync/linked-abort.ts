/**
 * A request's own AbortController, tied to a longer-lived signal (the sync cycle's, the
 * caller's): it aborts when that one does, at once if it already has. `unlink` removes the
 * listener when the request is over, so a long cycle does not collect one per request.
 */
export function linkedAbort(parent: AbortSignal | undefined): { controller: AbortController; unlink: () => void } {
  const controller = new AbortController();
  if (!parent) return { controller, unlink: () => undefined };
  const onAbort = () => controller.abort(parent.reason);
  if (parent.aborted) onAbort();
  else parent.addEventListener('abort', onAbort, { once: true });
  return { controller, unlink: () => parent.removeEventListener('abort', onAbort) };
}
