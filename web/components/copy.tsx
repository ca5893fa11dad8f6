import { useState } from "preact/hooks";

/** Two stacked sheets, drawn rather than a font glyph (fonts without "⧉" showed a blank box). */
function CopyIcon() {
  return (
    <svg class="copy-icon" viewBox="0 0 16 16" width="13" height="13" aria-hidden="true">
      <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" fill="none" stroke="currentColor" stroke-width="1.4" />
      <path
        d="M10.5 3.5v-.5A1.5 1.5 0 0 0 9 1.5H4A1.5 1.5 0 0 0 2.5 3v5A1.5 1.5 0 0 0 4 9.5h.5"
        fill="none"
        stroke="currentColor"
        stroke-width="1.4"
      />
    </svg>
  );
}

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
      {copied ? "✓" : <CopyIcon />}
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
