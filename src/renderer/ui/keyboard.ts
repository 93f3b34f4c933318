/**
 * Whether a key press belongs to a text field or to a form being filled in (its buttons
 * included): shortcut keys must then type, or do nothing, rather than close the case or open
 * another and throw away what was written.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable ||
      ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
      target.closest('form') !== null)
  );
}
