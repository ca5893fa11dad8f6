import { cliLine } from "../../shared/cli-line";
import { useActionInfo } from "./catalog";
import { CopyButton } from "./copy";
import { usePanelInfo } from "./header";

/** The `clerk …` command equivalent to what the panel is about to do, with a copy button. */
export function CliCommand({
  action,
  input,
  extra = [],
}: {
  action: string;
  input: Record<string, unknown>;
  extra?: string[];
}) {
  const info = useActionInfo(action);
  const target = usePanelInfo().data?.cli_flags ?? [];
  if (!info) return null;
  const line = cliLine(info, input, [...extra, ...target]);
  return (
    <div class="cli-command" data-testid="cli-command">
      <span class="muted">CLI</span>
      <code>{line}</code>
      <CopyButton text={line} label="Copy CLI command" />
    </div>
  );
}
