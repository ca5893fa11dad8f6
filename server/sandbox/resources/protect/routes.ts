import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { BUILTIN_PROTECT_SCHEMA } from "../../../../shared/protect/builtin-schema";
import { isRuleset, RULE_ACTIONS, RULESETS, rulesetFields } from "../../../../shared/protect/schema";
import type { SandboxContext } from "../../core/context";
import { errors, SandboxApiError } from "../../core/errors";
import { parseBody, queryInteger, queryOf, queryString } from "../../core/http";
import {
  deleteRule,
  etagOf,
  flushRuleset,
  insertRule,
  type RuleRow,
  reorderRules,
  rulesOf,
  serializeRule,
  updateRule,
} from "./repo";

const MAX_DESCRIPTION_LENGTH = 500;

const action = z.enum(RULE_ACTIONS, { message: `must be one of ${RULE_ACTIONS.join(", ")}` });
const description = z.string().max(MAX_DESCRIPTION_LENGTH).nullish();
const position = z.number().int().min(0).optional();

const createBody = z.object({ expression: z.string(), action, description, position });
const updateBody = z.object({ expression: z.string().optional(), action: action.optional(), description, position });
const reorderBody = z.object({ rule_ids: z.array(z.string()) });

type RulesetParams = { Params: { ruleset: string } };
type RuleParams = { Params: { ruleset: string; rule_id: string } };

/** The ruleset named in the path; anything else is a missing resource, like an unknown id. */
function rulesetOf(request: FastifyRequest<RulesetParams>): string {
  const { ruleset } = request.params;
  if (!isRuleset(ruleset)) {
    throw SandboxApiError.one(
      404,
      "resource_not_found",
      "not found",
      `No ruleset named ${ruleset}. Rulesets are ${RULESETS.join(", ")}.`,
    );
  }
  return ruleset;
}

/** Clerk's 422 for an expression, with where the problem is (`meta.position`). */
async function checkRuleExpression(ruleset: string, expression: string): Promise<void> {
  const fields = rulesetFields(BUILTIN_PROTECT_SCHEMA, ruleset) ?? {};
  // The CEL checker loads on the first rule written, not with every sandbox's start.
  const { checkExpression } = await import("../../../../shared/protect/expression");
  const problem = checkExpression(fields, expression);
  if (!problem) return;
  const { kind, message, start, end, line, column } = problem;
  throw errors.unprocessable(
    "form_param_format_invalid",
    "expression is invalid",
    `expression is invalid: ${message} (line ${line}, column ${column}).`,
    { param_name: "expression", reason: kind, position: { start, end, line, column } },
  );
}

function positionInRange(value: number | undefined, max: number): number | undefined {
  if (value !== undefined && value > max) {
    throw errors.paramValueInvalid("position", `position must be between 0 and ${max}.`);
  }
  return value;
}

function findRule(rows: RuleRow[], id: string): RuleRow {
  const row = rows.find((r) => r.id === id);
  if (!row) throw SandboxApiError.one(404, "resource_not_found", "not found", `No rule with id ${id} in this ruleset.`);
  return row;
}

const DEFAULT_PAGE = 100;
const MAX_PAGE = 500;

/** One page of rules after the rule named by `after` (the previous page's `nextPageToken`). */
function page(request: FastifyRequest, rows: RuleRow[]) {
  const query = queryOf(request);
  const limit = queryInteger(query, "limit") ?? DEFAULT_PAGE;
  if (limit < 1 || limit > MAX_PAGE)
    throw errors.paramValueInvalid("limit", `limit must be between 1 and ${MAX_PAGE}.`);
  const after = queryString(query, "after");
  let start = 0;
  if (after) {
    const index = rows.findIndex((row) => row.id === after);
    if (index < 0) throw errors.paramValueInvalid("after", `after must be the id of a rule in this ruleset.`);
    start = index + 1;
  }
  const slice = rows.slice(start, start + limit);
  const more = start + limit < rows.length;
  return { rules: slice.map(serializeRule), nextPageToken: more ? (slice.at(-1)?.id ?? null) : null };
}

/** Answers with the ruleset's current ETag, so a client can reorder against what it just saw. */
function withEtag<T>(reply: FastifyReply, sb: SandboxContext, request: FastifyRequest, ruleset: string, body: T): T {
  reply.header("etag", etagOf(rulesOf(sb, request.instance.id, ruleset)));
  return body;
}

/**
 * Backend API `/protect/…`: rules per ruleset (evaluated in order, first match wins), the event
 * schema their expressions are checked against, and reordering guarded by the ruleset's ETag.
 */
export function protectRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.get("/protect/schema", async () => BUILTIN_PROTECT_SCHEMA);

  app.get<RulesetParams>("/protect/rulesets/:ruleset/rules", async (request, reply) => {
    const ruleset = rulesetOf(request);
    const rows = rulesOf(sb, request.instance.id, ruleset);
    reply.header("etag", etagOf(rows));
    return page(request, rows);
  });

  app.post<RulesetParams>("/protect/rulesets/:ruleset/rules", async (request, reply) => {
    const ruleset = rulesetOf(request);
    const body = parseBody(createBody, request.body);
    await checkRuleExpression(ruleset, body.expression);
    const instanceId = request.instance.id;
    const row = sb.tx(() => {
      const count = rulesOf(sb, instanceId, ruleset).length;
      const content = { expression: body.expression, action: body.action, description: body.description ?? "" };
      return insertRule(sb, instanceId, ruleset, content, positionInRange(body.position, count));
    });
    return withEtag(reply, sb, request, ruleset, serializeRule(row));
  });

  app.put<RuleParams>("/protect/rulesets/:ruleset/rules/:rule_id", async (request, reply) => {
    const ruleset = rulesetOf(request);
    const body = parseBody(updateBody, request.body);
    if (body.expression !== undefined) await checkRuleExpression(ruleset, body.expression);
    const row = sb.tx(() => {
      const rows = rulesOf(sb, request.instance.id, ruleset);
      const rule = findRule(rows, request.params.rule_id);
      return updateRule(sb, rows, rule, {
        ...(body.expression !== undefined ? { expression: body.expression } : {}),
        ...(body.action !== undefined ? { action: body.action } : {}),
        ...(body.description !== undefined ? { description: body.description ?? "" } : {}),
        position: positionInRange(body.position, rows.length - 1),
      });
    });
    return withEtag(reply, sb, request, ruleset, serializeRule(row));
  });

  app.delete<RuleParams>("/protect/rulesets/:ruleset/rules/:rule_id", async (request, reply) => {
    const ruleset = rulesetOf(request);
    const id = request.params.rule_id;
    sb.tx(() => {
      const rows = rulesOf(sb, request.instance.id, ruleset);
      deleteRule(sb, rows, findRule(rows, id));
    });
    return withEtag(reply, sb, request, ruleset, { id, deleted: true });
  });

  app.delete<RulesetParams>("/protect/rulesets/:ruleset/rules", async (request, reply) => {
    const ruleset = rulesetOf(request);
    const deleted = sb.tx(() => flushRuleset(sb, request.instance.id, ruleset));
    return withEtag(reply, sb, request, ruleset, { ruleset, deleted_count: deleted });
  });

  app.patch<RulesetParams>("/protect/rulesets/:ruleset", async (request, reply) => {
    const ruleset = rulesetOf(request);
    const ifMatch = request.headers["if-match"];
    if (!ifMatch) {
      throw SandboxApiError.one(
        428,
        "precondition_required",
        "If-Match header missing",
        "Reordering a ruleset needs the If-Match header with the ETag of the rules you read.",
      );
    }
    const body = parseBody(reorderBody, request.body);
    const ordered = sb.tx(() => {
      const rows = rulesOf(sb, request.instance.id, ruleset);
      const current = etagOf(rows);
      // `*` asks for no check; otherwise any of the listed ETags (weak or strong) must be current.
      const tags = String(ifMatch)
        .split(",")
        .map((tag) => tag.trim().replace(/^W\//, ""));
      if (!tags.includes("*") && !tags.includes(current)) {
        throw SandboxApiError.one(
          412,
          "precondition_failed",
          "ruleset changed",
          "The ruleset changed since its rules were read (the ETag does not match). Read the rules again and retry.",
        );
      }
      const known = new Set(rows.map((row) => row.id));
      const given = new Set(body.rule_ids);
      if (
        given.size !== body.rule_ids.length ||
        given.size !== known.size ||
        ![...given].every((id) => known.has(id))
      ) {
        throw errors.paramValueInvalid(
          "rule_ids",
          `rule_ids must list every rule of the ${ruleset} ruleset exactly once (${known.size} rules).`,
        );
      }
      return reorderRules(sb, rows, body.rule_ids);
    });
    reply.header("etag", etagOf(ordered));
    return { rules: ordered.map(serializeRule), nextPageToken: null };
  });
}
