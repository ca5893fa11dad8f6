/** Small parts every view uses: the URL's query as state, dates, retries, Clerk's pages. */
import type { User } from "../../../shared/clerk/schemas";
import { PanelApiError } from "../../api";
import { navigate } from "../../router";

/** One page of a Clerk list (`users list`, `orgs members list`…). */
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

/** `?limit=` when it is one of the offered page sizes, else the default. */
export const limitParam = (value: string | null, sizes: readonly number[], fallback: number) =>
  sizes.includes(Number(value)) ? Number(value) : fallback;

export const offsetParam = (value: string | null) => Math.max(0, Number.parseInt(value ?? "0", 10) || 0);

/** A query parameter that must be one of `choices` (a status filter); anything else is no filter. */
export const oneOf = <T extends string>(choices: readonly T[], value: string | null): T | undefined =>
  choices.find((choice) => choice === value);

/** Retries what may succeed on a second try (network, 5xx), never a 404 or a 403. */
export const retryServerErrors = (count: number, error: Error) =>
  count < 1 && !(error instanceof PanelApiError && error.status < 500);

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
