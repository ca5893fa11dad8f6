import { errors } from "../../core/errors";
import { parseOrderBy, queryList, queryString } from "../../core/http";
import { likeContains } from "../users/query";
import { and, type Condition, placeholders } from "./sql";

const MAX_LIST_VALUES = 100;

/** Splits Clerk's `+id` / `id` (include) and `-id` (exclude) list syntax. */
function includeExclude(query: Record<string, unknown>, name: string): { include: string[]; exclude: string[] } {
  const values = queryList(query, name);
  if (values.length > MAX_LIST_VALUES) {
    throw errors.paramValueInvalid(name, `${name} accepts up to ${MAX_LIST_VALUES} values.`);
  }
  return {
    include: values.filter((v) => !v.startsWith("-")).map((v) => v.replace(/^\+/, "")),
    exclude: values.filter((v) => v.startsWith("-")).map((v) => v.slice(1)),
  };
}

/** The WHERE clause of `GET /organizations` over `organizations o`. */
export function organizationFilters(instanceId: string, query: Record<string, unknown>): Condition {
  let where: Condition = { sql: "o.instance_id = ?", params: [instanceId] };

  const search = queryString(query, "query");
  if (search) where = and(where, "o.search LIKE ? ESCAPE '\\'", likeContains(search));

  const ids = includeExclude(query, "organization_id");
  if (ids.include.length) where = and(where, `o.id IN (${placeholders(ids.include)})`, ...ids.include);
  if (ids.exclude.length) where = and(where, `o.id NOT IN (${placeholders(ids.exclude)})`, ...ids.exclude);

  const members = (userIds: string[]) =>
    `(SELECT organization_id FROM organization_memberships WHERE user_id IN (${placeholders(userIds)}))`;
  const users = includeExclude(query, "user_id");
  if (users.include.length) where = and(where, `o.id IN ${members(users.include)}`, ...users.include);
  if (users.exclude.length) where = and(where, `o.id NOT IN ${members(users.exclude)}`, ...users.exclude);

  return where;
}

const ORDER_COLUMNS: Record<string, string> = {
  created_at: "o.created_at",
  name: "o.name COLLATE NOCASE",
  members_count: "(SELECT count(*) FROM organization_memberships mc WHERE mc.organization_id = o.id)",
};

export function organizationOrder(query: Record<string, unknown>): string {
  const order = parseOrderBy(query, Object.keys(ORDER_COLUMNS), "-created_at");
  return `${ORDER_COLUMNS[order.field]} ${order.direction}, o.id ${order.direction}`;
}
