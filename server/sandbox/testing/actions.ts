import type { ActionContext } from "../../../shared/actions/action";
import { findAction } from "../../../shared/actions/catalog";
import type { ActionId, ActionInput, ActionOutput } from "../../../shared/actions/types";
import { ClerkTransport } from "../../../shared/clerk/transport";
import { type InProcessSandboxHandle, type UseSandboxOptions, useInProcessSandbox } from "./harness";

export interface ActionSandbox {
  sandbox: InProcessSandboxHandle;
  /** An ActionContext on one of the sandbox's instances (Backend API; development unless told) and its Platform API. */
  context(instance?: Environment): ActionContext;
  /**
   * Runs a catalog action as the CLI and the panel do: the input is validated by the action's
   * own schema (a ZodError when it is refused), then the action runs against the sandbox.
   */
  run<Id extends ActionId>(id: Id, input?: ActionInput<Id>, instance?: Environment): Promise<ActionOutput<Id>>;
  /** Every item of a list action's `stream` (the CLI's `--all`), collected. */
  all(id: ActionId, input?: Record<string, unknown>, instance?: Environment): Promise<unknown[]>;
}

type Environment = "development" | "production";

/**
 * A real sandbox for this test file, in this process, and the catalog's actions run against it
 * through the transport's `send` seam (Fastify's `inject()`): no build, no port, no CLI process.
 * The process-level CLI tests (cli/commands) keep the command line's contract.
 */
export function useActionSandbox(options: UseSandboxOptions = {}): ActionSandbox {
  const sandbox = useInProcessSandbox(options);
  const context = (instance: Environment = "development"): ActionContext => {
    const common = {
      send: ((request) => {
        sandbox.contract.noteAction(request.method ?? "GET", request.url);
        return sandbox.send(request);
      }) satisfies typeof sandbox.send,
    };
    return {
      backend: new ClerkTransport({
        ...common,
        baseUrl: sandbox.apiUrl,
        token: () => sandbox.credentials[instance].secret_key,
      }),
      platform: new ClerkTransport({
        ...common,
        baseUrl: `${sandbox.apiUrl}/platform`,
        token: () => sandbox.credentials.platform_api_key,
      }),
      target: { applicationId: sandbox.credentials.application_id, instance },
      now: () => Date.now(),
    };
  };
  const find = (id: ActionId) => {
    const action = findAction(id);
    if (!action) throw new Error(`no action ${id} in the catalog`);
    return action;
  };
  return {
    sandbox,
    context,
    async run(id, input, instance) {
      const action = find(id);
      return (await action.run(context(instance), action.input.parse(input ?? {}))) as ActionOutput<typeof id>;
    },
    async all(id, input, instance) {
      const action = find(id);
      if (!action.stream) throw new Error(`${id} has no stream (--all)`);
      const items: unknown[] = [];
      for await (const item of action.stream(context(instance), action.input.parse(input ?? {}))) items.push(item);
      return items;
    },
  };
}
