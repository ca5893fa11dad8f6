import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { parseBody } from "../../core/http";
import { countryCode, DEFAULT_OAUTH_SCOPES, enrollmentMode, isOrigin, oauthScope, origin } from "../../tenancy/config";
import { readConfig } from "../../tenancy/instances";
import { availableDomainName } from "../domains/names";
import { ensurePrimaryDomain, updateDomain } from "../domains/store";
import { resolveRoleKey } from "./roles";
import {
  assignSent,
  serializeBetaInstanceSettings,
  serializeCommunication,
  serializeInstance,
  serializeOAuthApplicationSettings,
  serializeOrganizationSettings,
  serializeProtect,
  serializeRestrictions,
  updateInstanceConfig,
} from "./settings";

const flag = z.boolean().nullish();
/** An empty string clears these settings; null leaves them unchanged. */
const clearable = (check: (value: string) => boolean, message: string) =>
  z
    .string()
    .refine((value) => value === "" || check(value), message)
    .nullish();

const updateInstanceBody = z.object({
  test_mode: flag,
  hibp: flag,
  support_email: clearable((value) => z.email().safeParse(value).success, "must be a valid email address"),
  clerk_js_version: z.string().nullish(),
  development_origin: clearable(isOrigin, "must be an origin such as http://localhost:3000"),
  allowed_origins: z.array(origin).optional(),
  cookieless_dev: flag,
  url_based_session_syncing: flag,
  preferred_sign_in_strategy_when_password_required: z.enum(["password", "otp", ""]).nullish(),
});

const restrictionsBody = z.object({
  allowlist: flag,
  blocklist: flag,
  allowlist_blocklist_disabled_on_sign_in: flag,
  block_email_subaddresses: flag,
  block_disposable_email_domains: flag,
});

const protectBody = z.object({ rules_enabled: flag, specter_enabled: flag });

const communicationBody = z.object({
  blocked_country_codes: z
    .array(countryCode)
    .max(250)
    .refine((codes) => new Set(codes).size === codes.length, "must not repeat a country code")
    .nullish(),
});

const oauthSettingsBody = z.object({
  dynamic_oauth_client_registration: flag,
  default_scopes: z.array(oauthScope).nullish(),
  oauth_jwt_access_tokens: flag,
  client_id_metadata_documents_advertised: flag,
  client_id_metadata_documents_only_allow_pre_registered_clients: flag,
  client_id_metadata_documents_block_implicitly_allowed_clients: flag,
});

const organizationSettingsBody = z.object({
  enabled: flag,
  max_allowed_memberships: z.number().int().min(0).nullish(),
  admin_delete_enabled: flag,
  domains_enabled: flag,
  slug_disabled: flag,
  domains_enrollment_modes: z.array(enrollmentMode).optional(),
  creator_role_id: z.string().nullish(),
  domains_default_role_id: z.string().nullish(),
});

const betaInstanceSettingsBody = z.object({
  restricted_to_allowlist: flag,
  from_email_address: z
    .string()
    .regex(/^[a-zA-Z0-9]+$/, "must be alphanumeric, e.g. hello")
    .nullish(),
  progressive_sign_up: flag,
  test_mode: flag,
});

const changeDomainBody = z.object({
  home_url: z.string(),
  is_secondary: z.boolean().optional(),
});

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });
/** Clerk silently drops codes it does not know; ICU names every assigned ISO 3166 region. */
function isKnownRegion(code: string): boolean {
  return regionNames.of(code) !== code;
}

/**
 * The domain a production instance's home URL puts it on. Like Clerk, a primary app drops the
 * `www.` subdomain; a secondary app keeps every subdomain.
 */
function homeUrlDomain(homeUrl: string, isSecondary: boolean): string {
  try {
    const host = new URL(homeUrl).host;
    return isSecondary ? host : host.replace(/^www\./, "");
  } catch {
    throw errors.paramInvalid("home_url", "home_url must be a URL such as https://www.example.com.");
  }
}

/** Backend API `/instance…`: the instance's settings, stored in its config document. */
export function instanceRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.get("/instance", async (request) => serializeInstance(request.instance, readConfig(request.instance)));

  app.patch("/instance", async (request, reply) => {
    const body = parseBody(updateInstanceBody, request.body);
    updateInstanceConfig(sb, request.instance.id, (config) => {
      const { cookieless_dev, url_based_session_syncing, test_mode, hibp, allowed_origins, ...clearable } = body;
      assignSent(config.instance, { test_mode, hibp, allowed_origins });
      for (const [key, value] of Object.entries(clearable)) {
        if (value !== undefined && value !== null) {
          (config.instance as Record<string, unknown>)[key] = value === "" ? null : value;
        }
      }
      // `cookieless_dev` is the deprecated name of URL-based session syncing: both move together.
      const syncing = url_based_session_syncing ?? cookieless_dev;
      if (syncing !== undefined && syncing !== null) {
        config.instance.url_based_session_syncing = syncing;
        config.instance.cookieless_dev = syncing;
      }
    });
    return reply.code(204).send();
  });

  app.patch("/instance/restrictions", async (request) => {
    const body = parseBody(restrictionsBody, request.body);
    return serializeRestrictions(
      updateInstanceConfig(sb, request.instance.id, (c) => assignSent(c.restrictions, body)),
    );
  });

  app.get("/instance/protect", async (request) => serializeProtect(readConfig(request.instance)));
  app.patch("/instance/protect", async (request) => {
    const body = parseBody(protectBody, request.body);
    return serializeProtect(updateInstanceConfig(sb, request.instance.id, (c) => assignSent(c.protect, body)));
  });

  app.get("/instance/communication", async (request) => serializeCommunication(readConfig(request.instance)));
  app.patch("/instance/communication", async (request) => {
    const body = parseBody(communicationBody, request.body);
    const config = updateInstanceConfig(sb, request.instance.id, (c) => {
      if (body.blocked_country_codes)
        c.communication.blocked_country_codes = body.blocked_country_codes.filter(isKnownRegion);
    });
    return serializeCommunication(config);
  });

  app.get("/instance/oauth_application_settings", async (request) =>
    serializeOAuthApplicationSettings(readConfig(request.instance)),
  );
  app.patch("/instance/oauth_application_settings", async (request) => {
    const { default_scopes, ...flags } = parseBody(oauthSettingsBody, request.body);
    const config = updateInstanceConfig(sb, request.instance.id, (c) => {
      assignSent(c.oauth_application_settings, flags);
      // null restores Clerk's defaults; scopes are a set.
      if (default_scopes !== undefined) {
        c.oauth_application_settings.default_scopes = [...new Set(default_scopes ?? DEFAULT_OAUTH_SCOPES)];
      }
    });
    return serializeOAuthApplicationSettings(config);
  });

  app.get("/instance/organization_settings", async (request) =>
    serializeOrganizationSettings(readConfig(request.instance)),
  );
  app.patch("/instance/organization_settings", async (request) => {
    const { creator_role_id, domains_default_role_id, ...settings } = parseBody(organizationSettingsBody, request.body);
    const instanceId = request.instance.id;
    const config = updateInstanceConfig(sb, instanceId, (c) => {
      assignSent(c.organization_settings, settings);
      if (creator_role_id) {
        c.organization_settings.creator_role = resolveRoleKey(sb, instanceId, creator_role_id, "creator_role_id");
      }
      if (domains_default_role_id) {
        c.organization_settings.domains_default_role = resolveRoleKey(
          sb,
          instanceId,
          domains_default_role_id,
          "domains_default_role_id",
        );
      }
    });
    return serializeOrganizationSettings(config);
  });

  // The beta settings live in the config document: `restricted_to_allowlist` is the allowlist restriction.
  app.patch("/beta_features/instance_settings", async (request) => {
    const { restricted_to_allowlist, test_mode, ...settings } = parseBody(betaInstanceSettingsBody, request.body);
    const config = updateInstanceConfig(sb, request.instance.id, (c) => {
      assignSent(c.instance, { test_mode, ...settings });
      assignSent(c.restrictions, { allowlist: restricted_to_allowlist });
    });
    return serializeBetaInstanceSettings(request.instance, config);
  });

  // The deprecated beta route and its successor change the domain alike.
  const changeDomain = async (request: FastifyRequest, reply: FastifyReply) => {
    const body = parseBody(changeDomainBody, request.body);
    const instance = request.instance;
    if (instance.environment_type !== "production") {
      throw errors.badRequest(
        "production_instance_required",
        "not a production instance",
        "Only a production instance's domain can be changed.",
      );
    }
    sb.tx(() => {
      const primary = ensurePrimaryDomain(sb, instance);
      const name = availableDomainName(sb, instance, homeUrlDomain(body.home_url, body.is_secondary ?? false), {
        param: "home_url",
        exceptId: primary.id,
      });
      updateDomain(sb, primary, {
        name,
        ...(body.is_secondary !== undefined ? { is_secondary: body.is_secondary } : {}),
      });
    });
    return reply.code(202).send();
  };
  app.post("/instance/change_domain", changeDomain);
  app.put("/beta_features/domain", changeDomain);
}
