import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedDelivery {
  headers: IncomingHttpHeaders;
  /** The body exactly as received. */
  body: string;
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>/webhooks` */
  url: string;
  received: ReceivedDelivery[];
  /** Resolves once `count` deliveries (in all) have arrived. */
  waitFor(count: number): Promise<ReceivedDelivery[]>;
  close(): Promise<void>;
}

/**
 * A real HTTP endpoint for webhook tests. `respond` picks each answer's status from the delivery
 * and its index (default 200); it may return a promise to hold the answer back.
 */
export async function startWebhookReceiver(
  respond: (delivery: ReceivedDelivery, index: number) => number | Promise<number> = () => 200,
): Promise<WebhookReceiver> {
  const received: ReceivedDelivery[] = [];
  const waiters: { count: number; resolve: (deliveries: ReceivedDelivery[]) => void }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", async () => {
      const delivery = { headers: request.headers, body: Buffer.concat(chunks).toString("utf8") };
      const index = received.push(delivery) - 1;
      for (const waiter of waiters.filter((w) => received.length >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(received.slice(0, waiter.count));
      }
      response.statusCode = await respond(delivery, index);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    received,
    waitFor(count) {
      if (received.length >= count) return Promise.resolve(received.slice(0, count));
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
