import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { Modal } from "./modal";

/**
 * Confirmation for irreversible actions: the person types the resource's name. Esc or
 * Cancel closes it; the button stays disabled until the name matches exactly.
 */
export function ConfirmDialog(props: {
  title: string;
  expected: string;
  confirmLabel: string;
  children?: ComponentChildren;
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const [typed, setTyped] = useState("");
  const matches = typed === props.expected;
  return (
    <Modal
      title={props.title}
      onCancel={props.onCancel}
      onSubmit={() => {
        if (matches) props.onConfirm();
      }}
    >
      {props.children}
      <label>
        <span>
          Type <code class="confirm-expected">{props.expected}</code> to confirm
        </span>
        <input
          data-testid="confirm-input"
          value={typed}
          // biome-ignore lint/a11y/noAutofocus: a modal dialog moves focus anyway; this is where it should land
          autoFocus
          autoComplete="off"
          spellcheck={false}
          onInput={(event) => setTyped((event.target as HTMLInputElement).value)}
        />
      </label>
      <div class="dialog-actions">
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" class="danger" disabled={!matches || props.busy} data-testid="confirm-submit">
          {props.busy ? "Working…" : props.confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
