import { describe, expect, test } from "vitest";
import { expectJson, useSandbox } from "../../testing/harness";

const sandbox = useSandbox();

type Errors = { errors: { code: string; meta?: { param_name?: string } }[] };

describe("proxy checks over HTTP", () => {
  test("an https proxy URL on the domain passes; others, and unknown domains, do not", async () => {
    const domains = await expectJson<{ data: { id: string; name: string }[] }>(await sandbox.bapi("GET", "/domains"));
    const domain = domains.data[0] as { id: string; name: string };
    const proxyUrl = `https://${domain.name}/__clerk`;
    const check = await expectJson(
      await sandbox.bapi("POST", "/proxy_checks", { domain_id: domain.id, proxy_url: proxyUrl }),
    );
    expect(check).toMatchObject({ object: "proxy_check", domain_id: domain.id, proxy_url: proxyUrl, successful: true });

    for (const bad of [`http://${domain.name}/__clerk`, "https://elsewhere.example/__clerk", "not a url"]) {
      const refused = await expectJson<Errors>(
        await sandbox.bapi("POST", "/proxy_checks", { domain_id: domain.id, proxy_url: bad }),
        400,
      );
      expect(refused.errors[0]).toMatchObject({ code: "proxy_url_invalid", meta: { param_name: "proxy_url" } });
    }
    await expectJson(
      await sandbox.bapi("POST", "/proxy_checks", { domain_id: "dmn_missing", proxy_url: proxyUrl }),
      404,
    );
    await expectJson(await sandbox.bapi("POST", "/proxy_checks", { domain_id: domain.id }), 422);
  });
});
