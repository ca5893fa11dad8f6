import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";

/**
 * A modal dialog holding one form: opened on mount, Esc cancels, submitting runs `onSubmit`
 * (the form never navigates). Focus stays inside until it closes.
 */
export function Modal(props: {
  title: ComponentChildren;
  class?: string;
  onSubmit(): void;
  onCancel(): void;
  children: ComponentChildren;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
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
