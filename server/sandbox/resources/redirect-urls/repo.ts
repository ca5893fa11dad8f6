import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { parseBody } from "../../core/http";
import type { InstanceRecord } from "../../tenancy/instances";

/** The instance's redirect URLs: stored, validated and serialized alike for both APIs. */
interface RedirectUrlRow {
  id: string;
  instance_id: string;
  url: string;
  created_at: number;
  updated_at: number;
}

const createBody = z.object({ url: z.string().min(1) });

export function serializeRedirectUrl(row: RedirectUrlRow) {
  return { object: "redirect_url", id: row.id, url: row.url, created_at: row.created_at, updated_at: row.updated_at };
}

/**
 * An absolute URL: `https://…` or a custom scheme (`my-app://callback`); plain `http` only on
 * development instances, which serve localhost.
 */
function assertRedirectUrl(instance: InstanceRecord, url: string): void {
  const protocol = URL.canParse(url) ? new URL(url).protocol : "";
  const insecure = protocol === "http:" && instance.environment_type === "production";
  if (!/^[a-z][a-z0-9+.-]*:$/.test(protocol) || insecure) {
    throw errors.paramInvalid(
      "url",
      "url must be a full URL prefixed with https:// or a custom scheme, e.g. my-app://oauth-callback.",
    );
  }
}

export function requireRedirectUrl(sb: SandboxContext, instanceId: string, id: string): RedirectUrlRow {
  const row = sb.stmt("SELECT * FROM redirect_urls WHERE id = ? AND instance_id = ?").get(id, instanceId) as
    | RedirectUrlRow
    | undefined;
  if (!row) throw errors.notFound("Redirect URL");
  return row;
}

/** A page of the instance's redirect URLs, oldest first, with their total (both APIs). */
export function redirectUrlPage(sb: SandboxContext, instanceId: string, limit: number, offset: number) {
  const total = sb.stmt("SELECT count(*) FROM redirect_urls WHERE instance_id = ?").pluck().get(instanceId) as number;
  const rows = sb
    .stmt("SELECT * FROM redirect_urls WHERE instance_id = ? ORDER BY created_at, id LIMIT ? OFFSET ?")
    .all(instanceId, limit, offset) as RedirectUrlRow[];
  return { data: rows.map(serializeRedirectUrl), total };
}

/** Adds a redirect URL to `instance` (both APIs): a valid URL, not already listed. */
export function createRedirectUrl(sb: SandboxContext, instance: InstanceRecord, input: unknown) {
  const { url } = parseBody(createBody, input);
  assertRedirectUrl(instance, url);
  const row = sb.tx(() => {
    if (sb.stmt("SELECT 1 FROM redirect_urls WHERE instance_id = ? AND url = ?").get(instance.id, url)) {
      throw errors.badRequest("duplicate_record", "duplicate redirect URL", `The redirect URL ${url} already exists.`);
    }
    const now = sb.clock.now();
    const created: RedirectUrlRow = {
      id: sb.newId("ru"),
      instance_id: instance.id,
      url,
      created_at: now,
      updated_at: now,
    };
    sb.stmt(
      "INSERT INTO redirect_urls (id, instance_id, url, created_at, updated_at) VALUES (@id, @instance_id, @url, @created_at, @updated_at)",
    ).run(created);
    return created;
  });
  return serializeRedirectUrl(row);
}

export function deleteRedirectUrl(sb: SandboxContext, row: RedirectUrlRow) {
  sb.stmt("DELETE FROM redirect_urls WHERE id = ?").run(row.id);
  return { object: "redirect_url", id: row.id, deleted: true };
}
