import { useState } from "preact/hooks";
import { CliCommand } from "./cli-command";
import { CopyButton } from "./copy";

/**
 * The record (or list page) exactly as the CLI's `--json` prints it, collapsible and
 * copyable; `command` names the catalog action and input whose output it is, shown opened as
 * the `clerk … --json` line that prints the same.
 */
export function JsonView({
  value,
  label = "JSON",
  command,
  initiallyOpen = false,
}: {
  value: unknown;
  label?: string;
  command?: { action: string; input: Record<string, unknown> };
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
        <div class="json-open">
          {command && <CliCommand action={command.action} input={command.input} extra={["--json"]} />}
          <div class="json-body">
            <CopyButton text={text} label="Copy JSON" />
            <pre data-testid="json-view">{text}</pre>
          </div>
        </div>
      )}
    </section>
  );
}
