import { AsyncLocalStorage } from "node:async_hooks";

/** Who made the API request being handled: Clerk puts this in every webhook's `event_attributes`. */
export interface RequestOrigin {
  clientIp: string;
  userAgent: string;
}

const storage = new AsyncLocalStorage<RequestOrigin>();

/** Runs `fn` (a route's handler, via a hook) with `origin` as the current request's origin. */
export function withRequestOrigin<T>(origin: RequestOrigin, fn: () => T): T {
  return storage.run(origin, fn);
}

/** The origin of the request whose handler is running; undefined outside one. */
export function currentRequestOrigin(): RequestOrigin | undefined {
  return storage.getStore();
}
