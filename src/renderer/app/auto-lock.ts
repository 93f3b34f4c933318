/**
 * How long the desk waits without input before it locks: `?lockAfter=<seconds>` on the
 * renderer URL (set by the shell from the workstation's settings), else the default.
 */
export function readAutoLockMs(search: string): number | undefined {
  const raw = new URLSearchParams(search).get('lockAfter');
  if (raw === null) return undefined;
  const seconds = Number(raw);
  return Number.isFinite(seconds) && seconds >= 1 && seconds <= 24 * 3600 ? seconds * 1000 : undefined;
}
