import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import type { Confirmation } from "../api";
import { Modal } from "./modal";

/**
 * Confirmation as the action's stakes ask (shared/actions/stakes.ts): for an irreversible one
 * the person types `expected` (the name they know: an email, a slug) and the button stays
 * disabled until it matches exactly; for a disruptive one (no `expected`) it is a plain yes/no
 * naming whom. Esc or Cancel closes it; focus then returns to the button that opened it.
 */
export function ConfirmDialog(props: {
  title: string;
  /** What to type; absent for a plain confirmation. */
  expected?: string;
  confirmLabel: string;
  children?: ComponentChildren;
  busy?: boolean;
  /** The control that opened it, given focus back when it closes. */
  opener?: Element | null;
  onConfirm(): void;
  onCancel(): void;
}) {
  const [typed, setTyped] = useState("");
  const matches = props.expected === undefined || typed === props.expected;
  return (
    <Modal
      title={props.title}
      onCancel={props.onCancel}
      {...(props.opener !== undefined ? { opener: props.opener } : {})}
      onSubmit={() => {
        if (matches) props.onConfirm();
      }}
    >
      {props.children}
      {props.expected !== undefined && (
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
      )}
      <div class="dialog-actions">
        {/* biome-ignore lint/a11y/noAutofocus: a plain yes/no starts on the answer that changes nothing */}
        <button type="button" onClick={props.onCancel} autoFocus={props.expected === undefined}>
          Cancel
        </button>
        <button type="submit" class="danger" disabled={!matches || props.busy} data-testid="confirm-submit">
          {props.busy ? "Working…" : props.confirmLabel}
        </button>
      </div>
    </Modal>
  );
}

/** A runner waiting for the confirmation the server asked for (useRunAction, the generic screens). */
export interface Confirming {
  confirmation: Confirmation;
  opener: Element | null;
  confirm(): void;
  cancel(): void;
  busy: boolean;
}

/**
 * The dialog for a confirmation the server asked for (a 428 answer): its question as the title,
 * the name to type when irreversible, a plain yes/no when disruptive.
 */
export function ServerConfirmDialog(props: {
  confirming: Confirming;
  confirmLabel: string;
  children?: ComponentChildren;
}) {
  const { confirmation } = props.confirming;
  return (
    <ConfirmDialog
      title={confirmation.question}
      {...(confirmation.stakes === "irreversible" ? { expected: confirmation.confirm } : {})}
      confirmLabel={props.confirmLabel}
      busy={props.confirming.busy}
      opener={props.confirming.opener}
      onCancel={props.confirming.cancel}
      onConfirm={props.confirming.confirm}
    >
      {props.children}
    </ConfirmDialog>
  );
}
