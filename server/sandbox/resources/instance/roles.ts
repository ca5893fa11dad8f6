import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import {
  ensureOrganizationRoles,
  findRoleByKey,
  isCreatorEligible,
  type RoleRow,
  rolePermissions,
} from "../organizations/roles";

/**
 * Resolves `creator_role_id` / `domains_default_role_id` to the role key the settings store.
 * Clerk takes a role id; the role's key is accepted too, as the sandbox's docs and seeds name
 * roles by key.
 */
export function resolveRoleKey(
  sb: SandboxContext,
  instanceId: string,
  idOrKey: string,
  param: "creator_role_id" | "domains_default_role_id",
): string {
  ensureOrganizationRoles(sb, instanceId);
  const row =
    (sb.stmt("SELECT * FROM organization_roles WHERE instance_id = ? AND id = ?").get(instanceId, idOrKey) as
      | RoleRow
      | undefined) ?? findRoleByKey(sb, instanceId, idOrKey);
  if (!row) {
    throw errors.paramValueInvalid(param, `${param} must be the id of one of this instance's organization roles.`);
  }
  if (param === "creator_role_id" && !isCreatorEligible(rolePermissions(sb, row.id).map((p) => p.key))) {
    throw errors.unprocessable(
      "organization_missing_creator_role_permissions",
      "missing creator role permissions",
      "The creator role must have the Manage members, Read members and Delete organization permissions.",
      { param_name: param },
    );
  }
  return row.key;
}
