import { createServer } from "node:http";
import { afterAll, beforeAll } from "vitest";

export interface StubRegistry {
  /** Its URL, for `npm_config_registry` (ends with a slash). */
  url(): string;
  /** The package's release channels (`{ latest: "1.2.3" }`); a test may replace them. */
  distTags: Record<string, string>;
  /** The paths asked for, in order. */
  requests: string[];
  /** When set, requests without `authorization: Bearer <token>` are refused (401), as a private registry does. */
  token?: string;
}

/**
 * A local npm registry for this test file, serving one package's document as registry.npmjs.org
 * does (so `clerk update` and its notice never touch the network); other names are 404.
 */
export function useStubRegistry(name: string, distTags: Record<string, string>): StubRegistry {
  let url = "";
  const stub: StubRegistry = { url: () => url, distTags, requests: [] };
  const server = createServer((request, response) => {
    stub.requests.push(request.url ?? "");
    if (stub.token && request.headers.authorization !== `Bearer ${stub.token}`) {
      response.writeHead(401, { "content-type": "application/json" }).end('{"error":"Unauthorized"}');
      return;
    }
    if (request.url !== `/${name.replace("/", "%2F")}`) {
      response.writeHead(404, { "content-type": "application/json" }).end('{"error":"Not found"}');
      return;
    }
    const versions = Object.fromEntries(Object.values(stub.distTags).map((version) => [version, { name, version }]));
    response.setHeader("content-type", "application/vnd.npm.install-v1+json");
    response.end(JSON.stringify({ name, "dist-tags": stub.distTags, versions }));
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return stub;
}
