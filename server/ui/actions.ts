import type { FastifyInstance, FastifyReply } from "fastify";
import { ZodError } from "zod";
import type { Action, TableView } from "../../shared/actions/action";
import { ActionError } from "../../shared/actions/errors";
import { fieldsOf } from "../../shared/actions/fields";
import { confirmationOf, questionFor, stakesOf, subjectOf } from "../../shared/actions/stakes";
import type { ActionInfo } from "../../shared/actions/types";
import { ClerkAbortedError, ClerkApiError, ClerkNetworkError, ClerkTimeoutError } from "../../shared/clerk/errors";
import type { PanelBackend } from "./backend";
import { withholdSecrets } from "./withhold";

/**
 * Header carrying the confirmation of a staked action: the typed name of an irreversible one, the
 * id of a disruptive one (what the 428 answer's `confirm` says).
 */
export const CONFIRM_HEADER = "x-clerk-confirm";

/** The panel's view of the catalog: enough to build forms, confirmations and CLI lines. */
export function describeCatalog(catalog: readonly Action[]): ActionInfo[] {
  return catalog.map((action) => ({
    id: action.id,
    summary: action.summary,
    ...(action.description ? { description: action.description } : {}),
    api: action.api,
    mutates: action.mutates,
    destructive: stakesOf(action) === "irreversible",
    stakes: stakesOf(action),
    plan: Boolean(action.plan),
    positionals: action.positionals ?? [],
    fields: fieldsOf(action.input),
    examples: action.examples,
    // The CLI's table columns, so the panel shows the same rows (`?view=table`) rather than guessing from JSON.
    table: action.table ? { columns: action.table.columns } : null,
  }));
}

/** The rows and footer `clerk <action>` prints as its table, for the panel's generic screens. */
function tableOf<O>(view: TableView<O>, output: O) {
  const footer = view.footer?.(output);
  return { rows: view.rows(output), ...(footer ? { footer } : {}) };
}

/** The header is the typed name, URI-encoded (headers are ASCII); a malformed one confirms nothing. */
function confirmedAs(header: unknown, expected: string): boolean {
  try {
    return typeof header === "string" && decodeURIComponent(header) === expected;
  } catch {
    return false;
  }
}

const wantsTable = (query: unknown) => (query as { view?: string } | undefined)?.view === "table";

/** Errors as the panel shows them: Clerk's code, message, param name and trace id survive. */
export function sendActionError(reply: FastifyReply, error: unknown) {
  if (error instanceof ClerkApiError) {
    const first = error.errors[0];
    return reply.code(error.status >= 500 ? 502 : error.status).send({
      error: {
        status: error.status,
        code: first?.code ?? "clerk_error",
        message: first?.message ?? error.message,
        long_message: first?.longMessage ?? error.message,
        ...(error.paramName ? { param_name: error.paramName } : {}),
        ...(error.traceId ? { clerk_trace_id: error.traceId } : {}),
      },
    });
  }
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    return reply.code(400).send({
      error: {
        status: 400,
        code: "invalid_input",
        message: `${issue?.path.join(".") || "input"}: ${issue?.message}`,
        ...(issue?.path[0] !== undefined ? { param_name: String(issue.path[0]) } : {}),
      },
    });
  }
  if (error instanceof ActionError) {
    // `…_conflict`: what the action read changed meanwhile (config version, a ruleset's ETag).
    return reply.code(error.code.endsWith("_conflict") ? 409 : 400).send({
      error: { status: 400, code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) },
    });
  }
  if (error instanceof ClerkNetworkError || error instanceof ClerkTimeoutError || error instanceof ClerkAbortedError) {
    return reply.code(502).send({ error: { status: 502, code: "upstream_unreachable", message: error.message } });
  }
  process.stderr.write(`clerk ui: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return reply.code(500).send({
    error: { status: 500, code: "internal_error", message: "Unexpected error; see the terminal running clerk ui." },
  });
}

/**
 * `/api/actions/<id>` for every catalog action, and `/api/actions/<id>/plan` for actions that
 * preview changes. Each runs the same action code as the CLI, with the credentials injected by
 * the backend; input is validated by the action's own schema. Never an open pass-through.
 * `?view=table` adds the rows and footer of the CLI's table to the answer.
 */
export function registerActionRoutes(app: FastifyInstance, catalog: readonly Action[], backend: PanelBackend): void {
  app.get("/api/catalog", async () => ({ actions: describeCatalog(catalog) }));

  for (const action of catalog) {
    app.post(`/api/actions/${action.id}`, async (request, reply) => {
      try {
        const input = action.input.parse(request.body ?? {});
        const controller = new AbortController();
        // The browser went away (navigation, a newer search keystroke): stop calling Clerk.
        reply.raw.on("close", () => {
          if (!reply.raw.writableFinished) controller.abort(new Error("client went away"));
        });
        const ctx = await backend.context(controller.signal);
        const stakes = stakesOf(action);
        if (stakes !== "none") {
          // Whom it acts on, looked up as the CLI does; the dialog names them (no secret in it).
          const subject = await subjectOf(action, ctx, input);
          const expected = confirmationOf(stakes, subject);
          if (!confirmedAs(request.headers[CONFIRM_HEADER], expected)) {
            const question = questionFor(action, stakes, subject);
            return reply.code(428).send({
              error: {
                status: 428,
                code: "confirmation_required",
                message: stakes === "irreversible" ? `${question} Type "${expected}" to confirm.` : question,
                confirm: expected,
                stakes,
                question,
                subject,
              },
            });
          }
        }
        const { output, withheld } = withholdSecrets(action, await action.run(ctx, input));
        return {
          output,
          ...(action.table && wantsTable(request.query) ? { table: tableOf(action.table, output) } : {}),
          ...(withheld ? { withheld } : {}),
        };
      } catch (error) {
        return sendActionError(reply, error);
      }
    });
    const plan = action.plan?.bind(action);
    if (plan) {
      app.post(`/api/actions/${action.id}/plan`, async (request, reply) => {
        try {
          const input = action.input.parse(request.body ?? {});
          const ctx = await backend.context(new AbortController().signal);
          return { plan: await plan(ctx, input) };
        } catch (error) {
          return sendActionError(reply, error);
        }
      });
    }
  }
}
