import { formatSigningSecret } from "../../../shared/webhooks/signature";
import type { SandboxContext } from "../core/context";

const META_KEY = "webhook_signing_secret";

/**
 * The sandbox's webhook signing secret (`whsec_…`), made once and kept with the tenancy data,
 * so a handler's `CLERK_WEBHOOK_SIGNING_SECRET` stays valid across restarts and `/__sandbox/reset`.
 */
export function webhookSigningSecret(sb: Pick<SandboxContext, "stmt" | "random">): string {
  const stored = sb.stmt("SELECT value FROM sandbox_meta WHERE key = ?").pluck().get(META_KEY) as string | undefined;
  if (stored) return stored;
  const secret = formatSigningSecret(sb.random(24));
  sb.stmt("INSERT INTO sandbox_meta (key, value) VALUES (?, ?)").run(META_KEY, secret);
  return secret;
}
