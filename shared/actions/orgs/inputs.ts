import { z } from "zod";
import { listOf } from "../../clerk/schemas";
import type { ActionContext } from "../action";
import { ActionInputError } from "../errors";
import { jsonObject } from "../inputs";

/** Inputs the orgs area's files share. */

export const orgRef = z.coerce.string().min(1).describe("The organization id (org_…) or slug");

export const role = z
  .string()
  .min(1)
  .describe("Role key, e.g. org:admin or org:member (admin and basic_member, the Go CLI's names, also work)");

const roleKeys = listOf(z.looseObject({ key: z.string() }));

/**
 * The instance's role key for a role as the Go CLI names it, without the `org:` prefix that
 * Clerk's role keys carry (`admin` is org:admin). `basic_member` is Clerk's former name of the
 * default member role, org:member. A key that names no role is sent as given (Clerk rejects it).
 */
export async function instanceRole(ctx: ActionContext, name: string): Promise<string> {
  if (name.startsWith("org:")) return name;
  const { data } = (
    await ctx.backend.request({ method: "GET", path: "/organization_roles", query: { limit: 500 } }, roleKeys)
  ).body;
  const keys = new Set(data.map((r) => r.key));
  const candidates = [name, `org:${name}`, ...(name === "basic_member" ? ["org:member"] : [])];
  return candidates.find((key) => keys.has(key)) ?? name;
}

/** An organization's or a membership's metadata, as JSON objects on the command line. */
export const metadataFields = {
  public_metadata: jsonObject("Public metadata as a JSON object").optional(),
  private_metadata: jsonObject("Private metadata as a JSON object").optional(),
};

/**
 * `--query` searches across organizations (`GET /organization_invitations`, `/organization_domains`);
 * one organization's list takes no search, so it is refused rather than ignored.
 */
export function searchAcrossOrgsOnly(organizationId: string | undefined, query: string | undefined, list: string) {
  if (organizationId !== undefined && query !== undefined) {
    throw new ActionInputError(
      `--query searches every organization's ${list}, not one organization's.`,
      `Drop ${organizationId} to search them all: \`clerk orgs ${list} list --query ${JSON.stringify(query)}\`.`,
      "usage_error",
    );
  }
}
