import type { EnvironmentType } from "./instances";

/**
 * An instance's settings, one document per instance. The Backend API's `/instance/*` routes
 * read and write sections of it; the Platform API's config routes expose it whole, keyed by
 * section, with `config_version` guarding concurrent writers.
 */
export interface InstanceConfig {
  instance: {
    test_mode: boolean;
    hibp: boolean;
    support_email: string | null;
    clerk_js_version: string | null;
    development_origin: string | null;
    allowed_origins: string[];
    cookieless_dev: boolean;
    url_based_session_syncing: boolean;
    preferred_sign_in_strategy_when_password_required: string | null;
  };
  restrictions: {
    allowlist: boolean;
    blocklist: boolean;
    allowlist_blocklist_disabled_on_sign_in: boolean;
    block_email_subaddresses: boolean;
    block_disposable_email_domains: boolean;
  };
  protect: { rules_enabled: boolean; specter_enabled: boolean };
  communication: { blocked_country_codes: string[] };
  oauth_application_settings: {
    dynamic_oauth_client_registration: boolean;
    default_scopes: string[];
    oauth_jwt_access_tokens: boolean;
    client_id_metadata_documents_advertised: boolean;
    client_id_metadata_documents_only_allow_pre_registered_clients: boolean;
    client_id_metadata_documents_block_implicitly_allowed_clients: boolean;
  };
  organization_settings: {
    enabled: boolean;
    max_allowed_memberships: number;
    admin_delete_enabled: boolean;
    domains_enabled: boolean;
    slug_disabled: boolean;
    domains_enrollment_modes: string[];
    creator_role: string;
    domains_default_role: string;
  };
  session: { lifetime_seconds: number; inactivity_timeout_seconds: number; single_session_mode: boolean };
  sign_up: { mode: "public" | "restricted" | "waitlist"; password_required: boolean };
  social: Record<string, { enabled: boolean; client_id: string | null; client_secret: string | null }>;
}

export function defaultInstanceConfig(environment: EnvironmentType): InstanceConfig {
  return {
    instance: {
      test_mode: environment === "development",
      hibp: true,
      support_email: null,
      clerk_js_version: null,
      development_origin: environment === "development" ? "http://localhost:3000" : null,
      allowed_origins: [],
      cookieless_dev: false,
      url_based_session_syncing: environment === "development",
      preferred_sign_in_strategy_when_password_required: null,
    },
    restrictions: {
      allowlist: false,
      blocklist: false,
      allowlist_blocklist_disabled_on_sign_in: false,
      block_email_subaddresses: false,
      block_disposable_email_domains: false,
    },
    protect: { rules_enabled: false, specter_enabled: false },
    communication: { blocked_country_codes: [] },
    oauth_application_settings: {
      dynamic_oauth_client_registration: false,
      default_scopes: ["openid", "profile", "email"],
      oauth_jwt_access_tokens: false,
      client_id_metadata_documents_advertised: false,
      client_id_metadata_documents_only_allow_pre_registered_clients: false,
      client_id_metadata_documents_block_implicitly_allowed_clients: false,
    },
    organization_settings: {
      enabled: true,
      max_allowed_memberships: 5,
      admin_delete_enabled: true,
      domains_enabled: false,
      slug_disabled: false,
      domains_enrollment_modes: [],
      creator_role: "org:admin",
      domains_default_role: "org:member",
    },
    session: { lifetime_seconds: 604800, inactivity_timeout_seconds: 0, single_session_mode: true },
    sign_up: { mode: "public", password_required: true },
    // Development instances use Clerk's shared OAuth credentials; production needs its own.
    social: {
      google: { enabled: true, client_id: null, client_secret: null },
      github: { enabled: false, client_id: null, client_secret: null },
    },
  };
}
