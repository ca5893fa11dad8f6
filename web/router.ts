import { useEffect, useState } from "preact/hooks";

type Listener = () => void;
const listeners = new Set<Listener>();

function notify() {
  for (const listener of listeners) listener();
}
window.addEventListener("popstate", notify);

/**
 * The query parameters naming the app and instance a page shows (`?app=app_…&instance=production`,
 * components/header.tsx): a link that leaves them out keeps the current ones.
 */
export const TARGET_PARAMS = ["app", "instance"] as const;

function keepTarget(to: string): string {
  const url = new URL(to, location.origin);
  const current = new URLSearchParams(location.search);
  for (const name of TARGET_PARAMS) {
    const value = current.get(name);
    if (value && !url.searchParams.has(name)) url.searchParams.set(name, value);
  }
  return url.pathname + url.search;
}

/**
 * Goes to a panel URL (history API; every view has its own URL). `exact` takes `to` as it is,
 * without the current app and instance (components/header.tsx sets those).
 */
export function navigate(target: string, options: { replace?: boolean; exact?: boolean } = {}): void {
  const to = options.exact ? target : keepTarget(target);
  if (to === location.pathname + location.search) return;
  if (options.replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  notify();
  // A new page starts at its top, as after a link in any site (filters and sorting replace the
  // URL instead and keep the place).
  if (!options.replace) window.scrollTo(0, 0);
}

export interface Location {
  path: string;
  query: URLSearchParams;
}

export function useLocation(): Location {
  const [, setTick] = useState(0);
  useEffect(() => {
    const listener = () => setTick((n) => n + 1);
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, []);
  return { path: location.pathname, query: new URLSearchParams(location.search) };
}

/** Updates one query parameter of the current URL (filters, page, sort) without a new history entry. */
export function setQueryParam(name: string, value: string | undefined): void {
  const query = new URLSearchParams(location.search);
  if (value === undefined || value === "") query.delete(name);
  else query.set(name, value);
  const search = query.toString();
  navigate(`${location.pathname}${search ? `?${search}` : ""}`, { replace: true });
}

/** Matches `/users/:id` style patterns; returns the params or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const names: string[] = [];
  const regex = new RegExp(
    `^${pattern.replace(/:[a-z_]+/g, (name) => {
      names.push(name.slice(1));
      return "([^/]+)";
    })}/?$`,
  );
  const found = regex.exec(path);
  if (!found) return null;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1] as string)]));
}
