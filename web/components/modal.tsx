import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";

/**
 * Gives focus back to the control that opened a dialog. One that is disabled meanwhile (its
 * action is running) gets it once enabled again; one that went away (a deleted record's page)
 * gets nothing.
 */
export function returnFocus(opener: Element | null | undefined): void {
  if (!(opener instanceof HTMLElement) || !opener.isConnected) return;
  if (!(opener as HTMLButtonElement).disabled) {
    opener.focus();
    return;
  }
  const watch = new MutationObserver(() => {
    if ((opener as HTMLButtonElement).disabled) return;
    watch.disconnect();
    if (opener.isConnected && (document.activeElement === document.body || document.activeElement === null)) {
      opener.focus();
    }
  });
  watch.observe(opener, { attributes: true, attributeFilter: ["disabled"] });
  // A control that stays disabled is not waited for.
  setTimeout(() => watch.disconnect(), 10_000);
}

/**
 * A modal dialog holding one form: opened on mount, Esc cancels, submitting runs `onSubmit`
 * (the form never navigates). Focus stays inside until it closes, and then goes back to the
 * control that opened it (`opener`, else what had focus when it opened).
 */
export function Modal(props: {
  title: ComponentChildren;
  class?: string;
  onSubmit(): void;
  onCancel(): void;
  children: ComponentChildren;
  opener?: Element | null;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef(props.opener ?? document.activeElement);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => returnFocus(opener.current);
  }, []);
  const titleId = useRef(`modal-title-${++modalCount}`).current;
  return (
    <dialog
      ref={ref}
      class={props.class ? `dialog ${props.class}` : "dialog"}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        props.onCancel();
      }}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          props.onSubmit();
        }}
      >
        <h2 id={titleId}>{props.title}</h2>
        {props.children}
      </form>
    </dialog>
  );
}

let modalCount = 0;
