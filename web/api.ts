import type { Stakes, Subject } from "../shared/actions/stakes";
import type { ActionId, ActionInfo, ActionInput, ActionOutput } from "../shared/actions/types";
import type { AiStatus } from "../shared/ai/types";
import type { ConfigChange } from "../shared/config/diff";
import type { PanelInfo } from "../shared/panel-info";

/** A 428 `confirmation_required`: how the action is confirmed and whom it acts on (shared/actions/stakes.ts). */
export interface Confirmation {
  stakes: Exclude<Stakes, "none">;
  /** "Ban Ada Lovelace (ada@example.com)?" */
  question: string;
  subject: Subject;
  /** What goes back in the confirmation header: the name typed (irreversible) or the id (disruptive). */
  confirm: string;
}

/** A failure as the panel shows it; Clerk's code, message, param name and trace id included. */
export class PanelApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly longMessage?: string,
    readonly paramName?: string,
    readonly traceId?: string,
    readonly hint?: string,
    /** For 428 `confirmation_required`: the text to type to confirm a destructive action. */
    readonly confirm?: string,
    /** For 428 `confirmation_required`: the question, its stakes and subject. */
    readonly confirmation?: Confirmation,
  ) {
    super(message);
  }
}

interface ErrorBody {
  error?: {
    status?: number;
    code?: string;
    message?: string;
    long_message?: string;
    param_name?: string;
    clerk_trace_id?: string;
    hint?: string;
    confirm?: string;
    stakes?: Confirmation["stakes"];
    question?: string;
    subject?: Subject;
  };
}

const sessionEndedListeners = new Set<() => void>();

/** Called when the server no longer knows this browser (`clerk ui` restarted, cookies cleared). */
export function onSessionEnded(listener: () => void): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

async function request<T>(method: "GET" | "POST", path: string, body?: unknown, init: RequestInit = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  // State-changing requests prove they come from this page: JSON + the custom header.
  if (method === "POST") {
    headers["content-type"] = "application/json";
    headers["x-clerk-ui"] = "1";
  }
  const response = await fetch(path, {
    ...init,
    method,
    headers: { ...headers, ...(init.headers as Record<string, string> | undefined) },
    body: method === "POST" ? JSON.stringify(body ?? {}) : undefined,
    credentials: "same-origin",
  });
  const text = await response.text();
  const data = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const error = (data as ErrorBody | undefined)?.error ?? {};
    if (response.status === 401 && error.code === "session_required") {
      for (const listener of sessionEndedListeners) listener();
    }
    throw new PanelApiError(
      error.status ?? response.status,
      error.code ?? "http_error",
      error.long_message ?? error.message ?? `Request failed (${response.status})`,
      error.long_message,
      error.param_name,
      error.clerk_trace_id,
      error.hint,
      error.confirm,
      error.confirm !== undefined && error.stakes && error.question && error.subject
        ? { stakes: error.stakes, question: error.question, subject: error.subject, confirm: error.confirm }
        : undefined,
    );
  }
  return data as T;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** The confirmation of a staked action (the 428 answer's `confirm`: a typed name, or an id). */
  confirm?: string;
}

/** What `clerk <action>` prints as a table: rows keyed by the catalog's column keys, and its footer. */
export interface TableRows {
  rows: Record<string, unknown>[];
  footer?: string;
}

function postAction<R>(path: string, input: object, options: CallOptions): Promise<R> {
  const headers: Record<string, string> = options.confirm
    ? { "x-clerk-confirm": encodeURIComponent(options.confirm) }
    : {};
  return request<R>("POST", path, input, { headers, ...(options.signal ? { signal: options.signal } : {}) });
}

/**
 * Runs a catalog action on the server (the same code as `clerk <action>`): the compiler checks the
 * id and the input against the catalog, and the answer has the action's output type.
 */
export async function callAction<Id extends ActionId>(
  id: Id,
  input: ActionInput<Id>,
  options: CallOptions = {},
): Promise<ActionOutput<Id>> {
  return (await postAction<{ output: ActionOutput<Id> }>(`/api/actions/${id}`, input, options)).output;
}

/** Credentials the server removed from an answer (tokens, sign-in URLs, secret keys), and why. */
export interface Withheld {
  fields: string[];
  message: string;
  hint: string;
}

/**
 * Runs a catalog action and also gets the rows of the CLI's table view (when the action has one):
 * for the generic screens, which know their actions from the catalog at run time.
 */
export function callActionTable(
  id: string,
  input: Record<string, unknown>,
  options: CallOptions = {},
): Promise<{ output: unknown; table?: TableRows; withheld?: Withheld }> {
  return postAction(`/api/actions/${id}?view=table`, input, options);
}

export async function planAction(id: string, input: Record<string, unknown>, signal?: AbortSignal) {
  return (
    await request<{ plan: { changes: ConfigChange[]; version?: string } }>(
      "POST",
      `/api/actions/${id}/plan`,
      input,
      signal ? { signal } : {},
    )
  ).plan;
}

export const getInfo = () => request<PanelInfo>("GET", "/api/info");
export const setTarget = (application_id: string, instance: string) =>
  request<PanelInfo>("POST", "/api/target", { application_id, instance });

/** Whether an AI model is configured for Protect's "Write the rule" (never its key). */
export const getAiStatus = (signal?: AbortSignal) =>
  request<AiStatus>("GET", "/api/ai", undefined, signal ? { signal } : {});

export const getCatalog = async () => (await request<{ actions: ActionInfo[] }>("GET", "/api/catalog")).actions;
export const login = () => request<{ authorize_url: string }>("POST", "/api/auth/login", {});
export const logout = () =>
  request<{ logged_out: boolean; revoked: boolean; problem?: string }>("POST", "/api/auth/logout", {});
