import type { SandboxContext } from "../../core/context";
import type { TemplateType } from "./defaults";

export interface TemplateDelivery {
  delivered_by_clerk: boolean;
  from_email_name: string;
  reply_to_email_name: string | null;
}

/**
 * How the instance's template of `slug` says a message is sent: whether Clerk delivers it
 * (`toggle_delivery`) and, for email, its From and Reply-To names. A template never read or
 * edited is still Clerk's default.
 */
export function templateDelivery(
  sb: SandboxContext,
  instanceId: string,
  type: TemplateType,
  slug: string,
): TemplateDelivery {
  const row = sb
    .stmt(
      "SELECT delivered_by_clerk, from_email_name, reply_to_email_name FROM templates WHERE instance_id = ? AND template_type = ? AND slug = ?",
    )
    .get(instanceId, type, slug) as
    | { delivered_by_clerk: number; from_email_name: string; reply_to_email_name: string }
    | undefined;
  if (!row) return { delivered_by_clerk: true, from_email_name: "notifications", reply_to_email_name: null };
  return {
    delivered_by_clerk: Boolean(row.delivered_by_clerk),
    from_email_name: row.from_email_name,
    reply_to_email_name: row.reply_to_email_name || null,
  };
}
