import { useEffect, useState } from "preact/hooks";
import { PanelApiError } from "../api";
import { CopyButton } from "./copy";

interface Toast {
  id: number;
  kind: "success" | "error";
  title: string;
  detail?: string;
  traceId?: string;
}

let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<(list: Toast[]) => void>();

function push(toast: Omit<Toast, "id">) {
  const entry = { ...toast, id: nextId++ };
  toasts = [...toasts, entry];
  for (const listener of listeners) listener(toasts);
  // Errors stay until dismissed: they carry a trace id someone may need to copy.
  if (toast.kind === "success") setTimeout(() => dismiss(entry.id), 4000);
}

function dismiss(id: number) {
  toasts = toasts.filter((t) => t.id !== id);
  for (const listener of listeners) listener(toasts);
}

export const toast = {
  success(title: string, detail?: string) {
    push({ kind: "success", title, ...(detail ? { detail } : {}) });
  },
  error(error: unknown) {
    if (error instanceof PanelApiError) {
      push({
        kind: "error",
        title: error.message,
        detail: [error.code, error.paramName ? `parameter: ${error.paramName}` : "", error.hint ?? ""]
          .filter(Boolean)
          .join(" · "),
        ...(error.traceId ? { traceId: error.traceId } : {}),
      });
    } else {
      push({ kind: "error", title: error instanceof Error ? error.message : String(error) });
    }
  },
};

export function Toasts() {
  const [list, setList] = useState(toasts);
  useEffect(() => {
    listeners.add(setList);
    return () => listeners.delete(setList);
  }, []);
  return (
    <div class="toasts" role="status" aria-live="polite">
      {list.map((t) => (
        <div key={t.id} class={`toast toast-${t.kind}`} data-testid={`toast-${t.kind}`}>
          <div class="toast-body">
            <strong>{t.title}</strong>
            {t.detail && <div class="muted">{t.detail}</div>}
            {t.traceId && (
              <div class="muted mono">
                trace {t.traceId} <CopyButton text={t.traceId} label="Copy trace id" />
              </div>
            )}
          </div>
          <button type="button" class="icon-button" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
