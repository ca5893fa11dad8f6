/** A keydown handler for a form that Esc closes (its Cancel), wherever the focus is inside it. */
export function closesOnEscape(close: () => void) {
  return (event: KeyboardEvent) => {
    if (event.key !== "Escape") return;
    event.preventDefault();
    event.stopPropagation();
    close();
  };
}
