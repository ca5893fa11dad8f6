import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { onSessionEnded, PanelApiError } from "../api";

const SESSION_ENDED_HINT =
  "open the link printed by `clerk ui` again (press o in its terminal, or run `clerk ui --reopen`).";

export function Skeleton({ lines = 3 }: { lines?: number }) {
  return (
    <div class="skeleton" role="status" aria-busy="true" aria-label="Loading">
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} class="skeleton-line" />
      ))}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty-state">
      <strong>{title}</strong>
      {children && <div class="muted">{children}</div>}
    </div>
  );
}

/** What went wrong and what to do about it. */
export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const api = error instanceof PanelApiError ? error : undefined;
  const hint =
    api?.status === 401 || api?.code === "session_required"
      ? `Your panel session ended: ${SESSION_ENDED_HINT}`
      : api?.status === 502
        ? "Clerk could not be reached: check your network, or that the sandbox is running."
        : api?.hint;
  return (
    <div class="error-state" role="alert">
      <strong>{error instanceof Error ? error.message : String(error)}</strong>
      {api && (
        <div class="muted mono">
          {api.code}
          {api.traceId ? ` · trace ${api.traceId}` : ""}
        </div>
      )}
      {hint && <div>{hint}</div>}
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/**
 * Shown on every page once the server stops recognising this browser (`clerk ui` was
 * restarted, or the cookie is gone): what is on screen may be stale, and no change will go through.
 */
export function SessionEndedBanner() {
  const [ended, setEnded] = useState(false);
  useEffect(() => onSessionEnded(() => setEnded(true)), []);
  if (!ended) return null;
  return (
    <div class="session-ended" role="alert" data-testid="session-ended">
      <strong>This panel is disconnected.</strong> Its session ended: {SESSION_ENDED_HINT}
    </div>
  );
}
