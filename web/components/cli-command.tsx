import { cliScript } from "../../shared/cli-line";
import { useActionInfo } from "./catalog";
import { CopyButton } from "./copy";
import { usePanelInfo } from "./header";

/** The `clerk …` command equivalent to what the panel is about to do, with a copy button (the copy runs as pasted). */
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
  const { line, stdin, script } = cliScript(info, input, [...extra, ...target]);
  // A document read from stdin is copied with the line (a here-document), shown folded.
  return (
    <div class="cli-command" data-testid="cli-command">
      <span class="muted">CLI</span>
      <code>{line}</code>
      {stdin !== undefined && (
        <span class="muted cli-heredoc" title={`Copied with the document as a here-document:\n${script}`}>
          {"<<'EOF' … EOF"}
        </span>
      )}
      <CopyButton text={script} label="Copy CLI command" />
    </div>
  );
}
