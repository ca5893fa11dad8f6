import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors, type SandboxApiError } from "../../core/errors";
import type { EnvironmentType, InstanceRecord } from "../../tenancy/instances";
import { isDomainNameTaken } from "./store";

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Validates and normalizes a domain name as Clerk does: lower case, no scheme or path; a
 * production domain is a fully qualified name (`example.com`), a development one may be a
 * single label and carry a port (`localhost:3000`).
 */
export function normalizeDomainName(raw: string, environment: EnvironmentType, param = "name"): string {
  const name = raw.trim().toLowerCase().replace(/\.$/, "");
  const invalid = (why: string) => errors.paramInvalid(param, `${param} ${why}`);
  if (name.includes("://") || /[/?#@\s]/.test(name))
    throw invalid("must be a bare domain name, without scheme or path.");
  const [host = "", port, ...rest] = name.split(":");
  if (rest.length > 0) throw invalid("is not a valid domain name.");
  if (port !== undefined) {
    if (environment === "production") throw invalid("cannot contain a port for production instances.");
    const number = Number(port);
    if (!/^\d+$/.test(port) || number < 1 || number > 65535) throw invalid("has an invalid port.");
  }
  const labels = host.split(".");
  if (host.length > 253 || !labels.every((label) => LABEL.test(label))) throw invalid("is not a valid domain name.");
  if (environment === "production" && labels.length < 2) {
    throw invalid("must be a fully qualified domain name, such as example.com.");
  }
  return name;
}

/** Where a provider domain's Frontend API proxy lives: one path segment, `/__clerk` by default. */
export const proxyPath = z
  .string()
  .regex(/^\/[A-Za-z0-9._~-]+$/, "must start with a slash and be a single path segment, such as /__clerk");

/** A proxy in front of the Frontend API must be an https URL. */
export function validateProxyUrl(raw: string, param = "proxy_url"): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw errors.paramInvalid(param, `${param} must be a valid URL, such as https://example.com/__clerk.`);
  }
  if (url.protocol !== "https:") throw errors.paramInvalid(param, `${param} must use https.`);
  return raw.replace(/\/$/, "");
}

export interface NameCheck {
  /** The request parameter carrying the name (`name`, `domain`, `home_url`). */
  param?: string;
  /** The domain being renamed, which may keep its own name. */
  exceptId?: string;
  /** The error for a name another domain has (the Platform API answers 409). */
  taken?: () => SandboxApiError;
}

/** Validates a domain name for the instance and checks that no domain in the sandbox has it. */
export function availableDomainName(
  sb: SandboxContext,
  instance: InstanceRecord,
  raw: string,
  check: NameCheck = {},
): string {
  const param = check.param ?? "name";
  const name = normalizeDomainName(raw, instance.environment_type, param);
  if (isDomainNameTaken(sb, name, check.exceptId)) {
    throw check.taken?.() ?? errors.identifierExists(param, "domain");
  }
  return name;
}
