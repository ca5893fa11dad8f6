import { useState } from "preact/hooks";
import { CopyButton } from "./copy";

/** The record exactly as the CLI's `--json` prints it, collapsible and copyable. */
export function JsonView({
  value,
  label = "JSON",
  initiallyOpen = false,
}: {
  value: unknown;
  label?: string;
  initiallyOpen?: boolean;
}) {
  const [open, setOpen] = useState(initiallyOpen);
  const text = JSON.stringify(value, null, 2);
  return (
    <section class="json-view">
      <button type="button" class="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? "▾" : "▸"} {label}
      </button>
      {open && (
        <div class="json-body">
          <CopyButton text={text} label="Copy JSON" />
          <pre data-testid="json-view">{text}</pre>
        </div>
      )}
    </section>
  );
}
