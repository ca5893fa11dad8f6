import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { describe, expect, test } from "vitest";
import { CONFIG_KEYS } from "../tenancy/config";
import { useSandbox } from "../testing/harness";
import { platformClient } from "./test-client";

const sandbox = useSandbox();
const platform = platformClient(sandbox);
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

const configPath = (env = "development", suffix = "") =>
  `/applications/${sandbox.credentials.application_id}/instances/${env}/config${suffix}`;

describe("Platform API instance config", () => {
  test("GET returns every key and a string config_version; keys filters; envOrInsID takes an instance id", async () => {
    const config = await platform.json("GET", configPath());
    expect(Object.keys(config).sort()).toEqual(["config_version", ...CONFIG_KEYS].sort());
    expect(config.config_version).toBe("1");
    expect(config.restrictions).toEqual({
      allowlist: false,
      blocklist: false,
      allowlist_blocklist_disabled_on_sign_in: false,
      block_email_subaddresses: false,
      block_disposable_email_domains: false,
    });

    const filtered = await platform.json("GET", `${configPath()}?keys=restrictions&keys=protect`);
    expect(Object.keys(filtered).sort()).toEqual(["config_version", "protect", "restrictions"]);
    const commaSeparated = await platform.json("GET", `${configPath()}?keys=restrictions,protect`);
    expect(commaSeparated).toEqual(filtered);

    const byId = await platform.json("GET", configPath(sandbox.credentials.development.instance_id));
    expect(byId).toEqual(config);
    const production = await platform.json("GET", configPath("production"));
    expect(production.instance.test_mode).toBe(false);

    const unknownKey = await platform.error(400, "GET", `${configPath()}?keys=nope`);
    expect(unknownKey).toMatchObject({ code: "config_keys_invalid", meta: { param_name: "keys" } });
    await platform.error(404, "GET", configPath("staging"));
    await platform.error(404, "GET", "/applications/app_missing/instances/development/config");
  });

  test("PATCH deep-merges, returns the touched keys before and after, and bumps config_version", async () => {
    const result = await platform.json("PATCH", configPath(), {
      restrictions: { allowlist: true },
      session: { lifetime_seconds: 3600 },
    });
    expect(result).toMatchObject({
      config_version: "2",
      dry_run: false,
      before: { restrictions: { allowlist: false }, session: { lifetime_seconds: 604800 } },
      after: { restrictions: { allowlist: true, blocklist: false }, session: { lifetime_seconds: 3600 } },
    });
    expect(Object.keys(result.after).sort()).toEqual(["restrictions", "session"]);

    const config = await platform.json("GET", configPath());
    expect(config.restrictions.allowlist).toBe(true);
    expect(config.restrictions.blocklist).toBe(false);
    expect(config.session).toEqual({
      lifetime_seconds: 3600,
      inactivity_timeout_seconds: 0,
      single_session_mode: true,
    });

    const withKeys = await platform.json("PATCH", `${configPath()}?keys=protect`, {
      restrictions: { blocklist: true },
    });
    expect(Object.keys(withKeys.after)).toEqual(["protect"]);

    // Writing what is already there changes nothing, so the version stays.
    const noop = await platform.json("PATCH", configPath(), { restrictions: { blocklist: true } });
    expect(noop.config_version).toBe("3");
  });

  test("dry_run validates and previews without writing", async () => {
    const preview = await platform.json("PATCH", `${configPath()}?dry_run=true`, { protect: { rules_enabled: true } });
    expect(preview).toMatchObject({
      config_version: "1",
      dry_run: true,
      before: { protect: { rules_enabled: false } },
      after: { protect: { rules_enabled: true } },
    });
    const config = await platform.json("GET", configPath());
    expect(config.protect.rules_enabled).toBe(false);
    expect(config.config_version).toBe("1");

    const invalid = await platform.error(422, "PATCH", `${configPath()}?dry_run=true`, {
      protect: { rules_enabled: 1 },
    });
    expect(invalid?.meta?.param_name).toBe("protect.rules_enabled");
  });

  test("If-Match: a stale config_version is refused with 409, the current one succeeds", async () => {
    const { config_version: read } = await platform.json("GET", configPath());
    await platform.json("PATCH", configPath(), { protect: { specter_enabled: true } });

    const stale = await platform.error(
      409,
      "PATCH",
      configPath(),
      { protect: { rules_enabled: true } },
      {
        "if-match": read,
      },
    );
    expect(stale?.code).toBe("config_version_conflict");
    expect((await platform.json("GET", configPath())).protect.rules_enabled).toBe(false);

    const fresh = await platform.json(
      "PATCH",
      configPath(),
      { protect: { rules_enabled: true } },
      {
        headers: { "if-match": '"2"' },
      },
    );
    expect(fresh.config_version).toBe("3");
    await platform.error(409, "PUT", configPath(), {}, { "if-match": "2" });
  });

  test("PUT needs every key, and a GET document round-trips through it", async () => {
    const missing = await platform.error(400, "PUT", configPath(), { restrictions: {} });
    expect(missing?.code).toBe("config_keys_missing");
    expect(missing?.meta?.missing_keys).toEqual(CONFIG_KEYS.filter((key) => key !== "restrictions"));
    expect(missing?.long_message).toContain("organization_settings");

    await platform.json("PATCH", configPath(), {
      social: { github: { enabled: true, client_id: "gh-id", client_secret: "gh-secret" } },
    });
    const document = await platform.json("GET", configPath());
    // The secret comes back redacted; sending the redaction back keeps the stored secret.
    const unchanged = await platform.json("PUT", configPath(), document);
    expect(unchanged.config_version).toBe(document.config_version);

    const { config_version: _version, ...edited } = document;
    edited.sign_up = { mode: "waitlist", password_required: false };
    const replaced = await platform.json("PUT", configPath(), edited);
    expect(replaced.config_version).toBe("3");
    expect(replaced.after.sign_up).toEqual({ mode: "waitlist", password_required: false });
    expect(replaced.after.social.github.client_secret).toBe("********");

    const partialSection = await platform.error(422, "PUT", configPath(), {
      ...edited,
      protect: { rules_enabled: true },
    });
    expect(partialSection).toMatchObject({
      code: "form_param_missing",
      meta: { param_name: "protect.specter_enabled" },
    });
  });

  test("null clears a key only with destructive=true", async () => {
    await platform.json("PATCH", configPath(), {
      instance: { support_email: "help@example.com" },
      restrictions: { allowlist: true },
      social: {
        github: { enabled: true, client_id: "id", client_secret: "secret" },
        apple: { enabled: true, client_id: null, client_secret: null },
      },
    });
    const refused = await platform.error(422, "PATCH", configPath(), { instance: { support_email: null } });
    expect(refused).toMatchObject({
      code: "destructive_change_not_allowed",
      meta: { param_name: "instance.support_email" },
    });
    // A null that changes nothing (the key is already null) needs no confirmation.
    await platform.json("PATCH", configPath(), { instance: { clerk_js_version: null } });

    const cleared = await platform.json("PATCH", `${configPath()}?destructive=true`, {
      instance: { support_email: null, development_origin: null },
      social: { github: null, apple: null },
      restrictions: null,
    });
    // Nullable keys become null; other keys return to their default; an added provider goes away.
    expect(cleared.after.instance.support_email).toBeNull();
    expect(cleared.after.instance.development_origin).toBeNull();
    expect(cleared.after.social).toEqual({
      google: { enabled: true, client_id: null, client_secret: null },
      github: { enabled: false, client_id: null, client_secret: null },
    });
    expect(cleared.after.restrictions.allowlist).toBe(false);
  });

  test("sensitive values are accepted but never returned in clear", async () => {
    const response = await platform.call("PATCH", configPath(), {
      social: { google: { enabled: true, client_id: "google-id", client_secret: "top-secret-value" } },
    });
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).not.toContain("top-secret-value");
    expect(JSON.parse(text).after.social.google).toEqual({
      enabled: true,
      client_id: "google-id",
      client_secret: "********",
    });
    const read = await (await platform.call("GET", configPath())).text();
    expect(read).not.toContain("top-secret-value");
    const github = (JSON.parse(read) as { social: { github: { client_secret: unknown } } }).social.github;
    expect(github.client_secret).toBeNull();
  });

  test("writes are validated against the schema with the offending key named", async () => {
    const wrongType = await platform.error(422, "PATCH", configPath(), { restrictions: { allowlist: "yes" } });
    expect(wrongType).toMatchObject({
      code: "form_param_format_invalid",
      meta: { param_name: "restrictions.allowlist" },
    });
    const unknownSection = await platform.error(422, "PATCH", configPath(), { nope: {} });
    expect(unknownSection).toMatchObject({ code: "form_param_unknown", meta: { param_name: "nope" } });
    const unknownNull = await platform.error(422, "PATCH", `${configPath()}?destructive=true`, { nope: null });
    expect(unknownNull?.meta?.param_name).toBe("nope");
    const unknownKey = await platform.error(422, "PATCH", configPath(), { protect: { turbo: true } });
    expect(unknownKey?.meta?.param_name).toBe("protect.turbo");
    const unknownProvider = await platform.error(422, "PATCH", configPath(), {
      social: { myspace: { enabled: true, client_id: null, client_secret: null } },
    });
    expect(unknownProvider?.meta?.param_name).toBe("social.myspace");
    const badEnum = await platform.error(422, "PATCH", configPath(), { sign_up: { mode: "invite_only" } });
    expect(badEnum?.meta?.param_name).toBe("sign_up.mode");
    const badEmail = await platform.error(422, "PATCH", configPath(), { instance: { support_email: "nope" } });
    expect(badEmail?.meta?.param_name).toBe("instance.support_email");
    await platform.error(400, "PATCH", configPath(), [1, 2]);
  });

  test("the schema is a JSON Schema (2020-12) that describes the config document", async () => {
    const schema = await platform.json("GET", configPath("development", "/schema"));
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(Object.keys(schema.properties)).toEqual(CONFIG_KEYS);
    const secret = schema.properties.social.additionalProperties.properties.client_secret;
    expect(secret).toMatchObject({ "x-sensitive": true, writeOnly: true });

    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    ajv.addKeyword("x-sensitive");
    const validate = ajv.compile(schema);
    const { config_version: _version, ...document } = await platform.json("GET", configPath());
    expect(validate(document), ajv.errorsText(validate.errors)).toBe(true);
    expect(validate({ ...document, restrictions: { ...document.restrictions, allowlist: "yes" } })).toBe(false);

    const filtered = await platform.json("GET", configPath("development", "/schema?keys=protect"));
    expect(Object.keys(filtered.properties)).toEqual(["protect"]);
  });

  test("Backend API settings and the Platform config are one document", async () => {
    const before = await platform.json("GET", configPath());
    await sandbox.bapi("PATCH", "/instance/restrictions", { block_email_subaddresses: true });
    const after = await platform.json("GET", configPath());
    expect(after.restrictions.block_email_subaddresses).toBe(true);
    expect(Number(after.config_version)).toBe(Number(before.config_version) + 1);
    // A Backend API write makes an earlier read stale for If-Match too.
    await platform.error(
      409,
      "PATCH",
      configPath(),
      { protect: { rules_enabled: true } },
      {
        "if-match": before.config_version,
      },
    );

    await platform.json("PATCH", configPath(), {
      protect: { specter_enabled: true },
      organization_settings: { max_allowed_memberships: 42 },
      communication: { blocked_country_codes: ["FR"] },
    });
    expect(await (await sandbox.bapi("GET", "/instance/protect")).json()).toMatchObject({ specter_enabled: true });
    expect(await (await sandbox.bapi("GET", "/instance/organization_settings")).json()).toMatchObject({
      max_allowed_memberships: 42,
    });
    expect(await (await sandbox.bapi("GET", "/instance/communication")).json()).toMatchObject({
      blocked_country_codes: ["FR"],
    });
  });
});
