import type { ActionContext } from "../action";
import { lookUpSubject } from "../stakes";
import { apiPath } from "../view";

/** An organization as people know it: "Acme Inc", confirmed by typing its slug. */
export const orgSubject = (ctx: ActionContext, input: { organization_id: string }) =>
  lookUpSubject(ctx, apiPath("organizations", input.organization_id));

/** Someone in an organization: "Ada Lovelace (ada@example.com) from Acme Inc". */
export async function inOrgSubject(ctx: ActionContext, organization_id: string, path: string, where: string) {
  const [org, subject] = await Promise.all([orgSubject(ctx, { organization_id }), lookUpSubject(ctx, path)]);
  return subject && { ...subject, where: `${where} ${org?.label ?? organization_id}` };
}
