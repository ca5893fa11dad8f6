import type { User } from "../../../shared/clerk/schemas";
import { PanelApiError } from "../../api";
import { queryClient } from "../../query";
import { navigate } from "../../router";
import "./users.css";

export type { User };

export interface Page<T> {
  data: T[];
  total_count: number;
}

/** Replaces several query parameters at once (filters, sort, page) without a new history entry. */
export function setParams(updates: Record<string, string | number | undefined>): void {
  const query = new URLSearchParams(location.search);
  for (const [name, value] of Object.entries(updates)) {
    if (value === undefined || value === "") query.delete(name);
    else query.set(name, String(value));
  }
  const search = query.toString();
  navigate(`${location.pathname}${search ? `?${search}` : ""}`, { replace: true });
}

/** The last `/users?…` URL, so "back to users" returns to the same search, filters and page. */
let listUrl = "/users";
export const rememberListUrl = () => {
  listUrl = location.pathname + location.search;
};
export const usersListUrl = () => listUrl;

/** Retries what may succeed on a second try (network, 5xx), never a 404. */
export const retryServerErrors = (count: number, error: Error) =>
  count < 1 && !(error instanceof PanelApiError && error.status < 500);

export const offsetParam = (value: string | null) => Math.max(0, Number.parseInt(value ?? "0", 10) || 0);

export function formatDate(ms: number | null | undefined, withTime = false): string {
  if (!ms) return "—";
  const iso = new Date(ms).toISOString();
  return withTime ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso.slice(0, 10);
}

export function userName(user: Pick<User, "first_name" | "last_name">): string {
  return [user.first_name, user.last_name].filter(Boolean).join(" ");
}

export function primaryEmail(user: User): string {
  return (
    user.email_addresses.find((email) => email.id === user.primary_email_address_id)?.email_address ??
    user.email_addresses[0]?.email_address ??
    ""
  );
}

/** What to call a user in titles and toasts: their name, else an identifier, else the id. */
export function userLabel(user: User): string {
  return userName(user) || primaryEmail(user) || user.username || user.phone_numbers[0]?.phone_number || user.id;
}

export function Avatar({ user, large = false }: { user: User; large?: boolean }) {
  const initials =
    ((user.first_name?.[0] ?? "") + (user.last_name?.[0] ?? "")).toUpperCase() ||
    (primaryEmail(user)[0] ?? user.username?.[0] ?? "?").toUpperCase();
  return (
    <span class={`users-avatar${large ? " users-avatar-lg" : ""}`} aria-hidden="true">
      {initials}
    </span>
  );
}

/** Banned/locked badges; `quiet` (in tables) keeps "active" low-key so the exceptions stand out. */
export function StatusBadges({ user, quiet = false }: { user: User; quiet?: boolean }) {
  if (!user.banned && !user.locked) {
    return (
      <span class={`badge ${quiet ? "badge-muted" : "badge-success"}`} data-testid="status-badge">
        active
      </span>
    );
  }
  return (
    <span class="users-badges">
      {user.banned && (
        <span class="badge badge-danger" data-testid="status-badge">
          banned
        </span>
      )}
      {user.locked && (
        <span class="badge badge-sandbox" data-testid="status-badge">
          locked
        </span>
      )}
    </span>
  );
}

export const userKey = (userId: string) => ["users", "get", userId];

/** Puts the user an action returned in the cache (the page updates at once) and refreshes lists. */
export function storeUser(user: User) {
  queryClient.setQueryData(userKey(user.id), user);
  void queryClient.invalidateQueries({ queryKey: ["users", "list"] });
}
