import type { User } from "../../../shared/clerk/schemas";
import { queryClient } from "../../query";
import { primaryEmail, userName } from "../shared/common";
import "./users.css";

export type { User };

/** The last `/users?…` URL, so "back to users" returns to the same search, filters and page. */
let listUrl = "/users";
export const rememberListUrl = () => {
  listUrl = location.pathname + location.search;
};
export const usersListUrl = () => listUrl;

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
