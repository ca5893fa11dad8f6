/**
 * Where a launch link (`/launch?…&to=`) or `clerk ui --reopen` (`POST /__control/launch`) may
 * send the browser: only somewhere on the panel itself. `to` is resolved the way a browser
 * resolves a `Location` header (`new URL(to, origin)`: backslashes are slashes, tabs and
 * newlines vanish), so `/\evil.com`, `/<TAB>/evil.com` or `/\/evil.com` show up as another
 * origin and are refused. The answer is the normalised path, search and hash; undefined when
 * `to` is not a path on `origin`.
 */
export function panelPath(to: string, origin: string): string | undefined {
  if (!to.startsWith("/")) return undefined;
  let url: URL;
  try {
    url = new URL(to, origin);
  } catch {
    return undefined;
  }
  if (url.origin !== new URL(origin).origin) return undefined;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // `/.//evil.com` normalises to `//evil.com`, which a browser reads as another host.
  return path.startsWith("//") ? undefined : path;
}
