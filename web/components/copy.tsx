import { useState } from "preact/hooks";

export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      class="copy-button"
      aria-label={label}
      title={label}
      onClick={async (event) => {
        event.stopPropagation();
        await navigator.clipboard.writeText(text);
        setCopied(true);
        setTimeout(() => setCopied(false), 1200);
      }}
    >
      {copied ? "✓" : "⧉"}
    </button>
  );
}

/** An id in monospace with its copy button. */
export function CopyId({ id }: { id: string }) {
  return (
    <span class="copy-id">
      <code>{id}</code>
      <CopyButton text={id} label={`Copy ${id}`} />
    </span>
  );
}
