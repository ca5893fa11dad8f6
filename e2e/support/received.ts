import type { BrowserContext, Page, Response } from "@playwright/test";

/** A secret key, a platform key or an API key's secret; an API key's id (ak_ and 32 hex digits) is not one. */
export const SECRET_SHAPE = /sk_(?:test|live)_[A-Za-z0-9]{8,}|ak_(?![0-9a-f]{32}\b)[A-Za-z0-9]{16,}/;

export interface Received {
  url: string;
  status: number;
  contentType: string;
  body: string;
}

/**
 * Keeps every response body the browser receives in this context (documents, scripts,
 * styles, API calls), to check later what reached the browser.
 */
export function recordReceived(context: BrowserContext): { all(): Promise<Received[]> } {
  const pending: Promise<Received | undefined>[] = [];
  const read = async (response: Response): Promise<Received | undefined> => {
    // Redirects have no body to read.
    const body = await response.text().catch(() => undefined);
    if (body === undefined) return undefined;
    return {
      url: response.url(),
      status: response.status(),
      contentType: response.headers()["content-type"] ?? "",
      body,
    };
  };
  context.on("response", (response) => pending.push(read(response)));
  return {
    async all() {
      return (await Promise.all(pending)).filter((entry): entry is Received => entry !== undefined);
    },
  };
}

/** The received responses that contain a secret's shape or one of `secrets` verbatim. */
export function leaks(received: readonly Received[], secrets: readonly string[]): string[] {
  return received.flatMap(({ url, body }) => [
    ...(SECRET_SHAPE.test(body) ? [`${url}: ${SECRET_SHAPE.exec(body)?.[0].slice(0, 12)}…`] : []),
    ...secrets.filter((secret) => body.includes(secret)).map((secret) => `${url}: ${secret.slice(0, 12)}…`),
  ]);
}

export interface WireResponse {
  url: string;
  method: string;
  status: number;
  headers: Record<string, string>;
}

/**
 * Every HTTP answer that reached this tab's network stack, as it came off the wire, including
 * those the browser then hid from the page (CORS, CORP) and CORS preflights, which Playwright's
 * own response events leave out. Read through the DevTools protocol.
 */
export async function wireResponses(page: Page): Promise<{ all(): WireResponse[] }> {
  const cdp = await page.context().newCDPSession(page);
  const requests = new Map<string, { url: string; method: string }>();
  const answered: { requestId: string; status: number; headers: Record<string, string> }[] = [];
  cdp.on("Network.requestWillBeSent", (event) => {
    requests.set(event.requestId, { url: event.request.url, method: event.request.method });
  });
  cdp.on("Network.responseReceivedExtraInfo", (event) => {
    answered.push({ requestId: event.requestId, status: event.statusCode, headers: event.headers });
  });
  await cdp.send("Network.enable");
  return {
    all: () =>
      answered.map(({ requestId, status, headers }) => ({
        url: requests.get(requestId)?.url ?? "",
        method: requests.get(requestId)?.method ?? "",
        status,
        headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value])),
      })),
  };
}
