import { errors } from "../../core/errors";
import { parseOrderBy, queryBoolean, queryInteger, queryList, queryString } from "../../core/http";

/** A SQL condition over `users u` with its bound parameters. */
interface Condition {
  sql: string;
  params: unknown[];
}

const MAX_LIST_VALUES = 100;

/** Escapes `%`, `_` and `\` so a search term matches literally inside LIKE. */
export function likeContains(term: string): string {
  return `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function list(query: Record<string, unknown>, name: string): string[] {
  const values = queryList(query, name);
  if (values.length > MAX_LIST_VALUES) {
    throw errors.paramValueInvalid(name, `${name} accepts up to ${MAX_LIST_VALUES} values.`);
  }
  return values;
}

function inList(column: string, values: string[]): Condition {
  return { sql: `${column} IN (${values.map(() => "?").join(",")})`, params: values };
}

/** `+id` / `id` include, `-id` exclude: Clerk's syntax for user_id, external_id, organization_id. */
function includeExclude(values: string[], toCondition: (ids: string[], negate: boolean) => Condition): Condition[] {
  const include = values.filter((v) => !v.startsWith("-")).map((v) => v.replace(/^\+/, ""));
  const exclude = values.filter((v) => v.startsWith("-")).map((v) => v.slice(1));
  const out: Condition[] = [];
  if (include.length) out.push(toCondition(include, false));
  if (exclude.length) out.push(toCondition(exclude, true));
  return out;
}

/** Builds the WHERE clause for `GET /users` and `GET /users/count` from Clerk's filters. */
/**
 * `?query=`: a substring of any identifier, name or id. Three characters or more go through the
 * trigram index (an FTS5 phrase of the text's trigrams is exactly a substring match); shorter
 * ones, which have no trigram, scan.
 */
function searchCondition(search: string): Condition {
  const text = search.toLowerCase();
  if ([...text].length < 3) return { sql: "u.search LIKE ? ESCAPE '\\'", params: [likeContains(text)] };
  return {
    sql: "u.rowid IN (SELECT rowid FROM users_search WHERE users_search MATCH ?)",
    params: [`"${text.replaceAll('"', '""')}"`],
  };
}

export function userFilters(instanceId: string, query: Record<string, unknown>): Condition {
  const conditions: Condition[] = [{ sql: "u.instance_id = ?", params: [instanceId] }];
  const add = (condition: Condition) => conditions.push(condition);

  const emails = list(query, "email_address").map((e) => e.toLowerCase());
  if (emails.length) {
    add({
      sql: `u.id IN (SELECT user_id FROM email_addresses WHERE instance_id = ? AND email_lower IN (${emails.map(() => "?").join(",")}))`,
      params: [instanceId, ...emails],
    });
  }
  const phones = list(query, "phone_number").map((p) => p.replace(/[\s().-]/g, ""));
  if (phones.length) {
    add({
      sql: `u.id IN (SELECT user_id FROM phone_numbers WHERE instance_id = ? AND phone_number IN (${phones.map(() => "?").join(",")}))`,
      params: [instanceId, ...phones],
    });
  }
  const wallets = list(query, "web3_wallet").map((w) => w.toLowerCase());
  if (wallets.length) {
    add({
      sql: `u.id IN (SELECT user_id FROM web3_wallets WHERE instance_id = ? AND web3_lower IN (${wallets.map(() => "?").join(",")}))`,
      params: [instanceId, ...wallets],
    });
  }
  const usernames = list(query, "username");
  if (usernames.length) add(inList("u.username", usernames));

  for (const c of includeExclude(list(query, "user_id"), (ids, negate) => {
    const condition = inList("u.id", ids);
    return negate ? { sql: `NOT ${condition.sql}`, params: condition.params } : condition;
  }))
    add(c);
  for (const c of includeExclude(list(query, "external_id"), (ids, negate) => {
    const condition = inList("u.external_id", ids);
    return negate ? { sql: `(u.external_id IS NULL OR NOT ${condition.sql})`, params: condition.params } : condition;
  }))
    add(c);
  for (const c of includeExclude(list(query, "organization_id"), (ids, negate) => ({
    sql: `u.id ${negate ? "NOT IN" : "IN"} (SELECT user_id FROM organization_memberships WHERE organization_id IN (${ids.map(() => "?").join(",")}))`,
    params: ids,
  })))
    add(c);

  const search = queryString(query, "query");
  if (search) add(searchCondition(search));
  const emailQuery = queryString(query, "email_address_query");
  if (emailQuery) {
    add({
      sql: "u.id IN (SELECT user_id FROM email_addresses WHERE instance_id = ? AND email_lower LIKE ? ESCAPE '\\')",
      params: [instanceId, likeContains(emailQuery)],
    });
  }
  const phoneQuery = queryString(query, "phone_number_query");
  if (phoneQuery) {
    add({
      sql: "u.id IN (SELECT user_id FROM phone_numbers WHERE instance_id = ? AND phone_number LIKE ? ESCAPE '\\')",
      params: [instanceId, likeContains(phoneQuery)],
    });
  }
  const usernameQuery = queryString(query, "username_query");
  if (usernameQuery) add({ sql: "lower(u.username) LIKE ? ESCAPE '\\'", params: [likeContains(usernameQuery)] });
  const nameQuery = queryString(query, "name_query");
  if (nameQuery) {
    add({
      sql: "lower(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')) LIKE ? ESCAPE '\\'",
      params: [likeContains(nameQuery)],
    });
  }

  const banned = queryBoolean(query, "banned");
  if (banned !== undefined) add({ sql: "u.banned = ?", params: [banned ? 1 : 0] });

  const range = (param: string, column: string, op: "<" | ">") => {
    const value = queryInteger(query, param);
    if (value !== undefined) add({ sql: `${column} ${op} ?`, params: [value] });
  };
  range("last_active_at_before", "u.last_active_at", "<");
  range("last_active_at_after", "u.last_active_at", ">");
  range("last_active_at_since", "u.last_active_at", ">");
  range("created_at_before", "u.created_at", "<");
  range("created_at_after", "u.created_at", ">");
  range("last_sign_in_at_before", "u.last_sign_in_at", "<");
  range("last_sign_in_at_after", "u.last_sign_in_at", ">");

  const provider = queryString(query, "provider");
  const providerUserIds = list(query, "provider_user_id");
  if (provider && providerUserIds.length === 0) throw errors.paramMissing("provider_user_id");
  if (!provider && providerUserIds.length > 0) throw errors.paramMissing("provider");
  // The sandbox has no OAuth external accounts, so a provider filter matches nobody.
  if (provider) add({ sql: "0", params: [] });

  return {
    sql: conditions.map((c) => c.sql).join(" AND "),
    params: conditions.flatMap((c) => c.params),
  };
}

const ORDER_COLUMNS: Record<string, string> = {
  created_at: "u.created_at",
  updated_at: "u.updated_at",
  email_address: "u.primary_email COLLATE NOCASE",
  web3wallet: "u.primary_web3 COLLATE NOCASE",
  first_name: "u.first_name COLLATE NOCASE",
  last_name: "u.last_name COLLATE NOCASE",
  phone_number: "u.primary_phone",
  username: "u.username",
  last_active_at: "u.last_active_at",
  last_sign_in_at: "u.last_sign_in_at",
};

export function userOrder(query: Record<string, unknown>): { sql: string; field: string; direction: "ASC" | "DESC" } {
  const order = parseOrderBy(query, Object.keys(ORDER_COLUMNS), "-created_at");
  const column = ORDER_COLUMNS[order.field] as string;
  return { sql: `${column} ${order.direction}, u.id ${order.direction}`, ...order };
}
