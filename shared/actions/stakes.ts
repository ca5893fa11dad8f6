/**
 * How much confirmation an action needs, and whom it acts on, read from its declaration by the
 * CLI, the panel's server and dialog, and the MCP tools, so that none of them can disagree.
 *
 * - `irreversible` (delete a user, an organization…): the panel asks to type the name people
 *   recognise (email, slug, name), the CLI asks "…? It cannot be undone." (default No).
 * - `disruptive` but reversible (ban, lock, revoke sessions, remove a member…): a plain yes/no
 *   naming the person or organization.
 * - `none`: no question.
 * Off a terminal the CLI refuses the first two without `--yes` (unless `confirm: "terminal"`).
 */
import { z } from "zod";
import { ClerkApiError } from "../clerk/errors";
import type { Action, ActionContext } from "./action";

export type Stakes = "irreversible" | "disruptive" | "none";

/** Who or what an action acts on, as people recognise it. */
export interface Subject {
  /** "Ada Lovelace", "Acme Inc", "example.com". */
  label: string;
  /** What to type to confirm an irreversible action: an email, slug or name (the id when there is none). */
  name_to_type: string;
  /** The resource's id (`user_…`); may equal the label. */
  id: string;
  /** Where, for a subject inside another: "from Acme Inc". */
  where?: string;
}

/** Words of an action id (or its hyphenated parts) that say how much is at stake, when `stakes` is not declared. */
const IRREVERSIBLE_WORDS = new Set(["delete", "flush", "purge", "destroy", "erase"]);
const DISRUPTIVE_WORDS = new Set([
  "remove",
  "revoke",
  "ban",
  "lock",
  "disable",
  "cancel",
  "reset",
  "rotate",
  "detach",
  "unlink",
  "leave",
  "expire",
  "reject",
]);
/**
 * Words that change something people can put back by hand (or add something): no question. An
 * action with none of these words and no `stakes` is unclassified (the catalog test says so).
 */
export const HARMLESS_WORDS = new Set([
  "create",
  "update",
  "add",
  "set",
  "edit",
  "enable",
  "unban",
  "unlock",
  "verify",
  "check",
  "reorder",
  "patch",
  "put",
  "apply",
  "invite",
  "restore",
  "extend",
  "transition",
  "attach",
  "link",
  "publish",
  "mint",
  "merge",
  "metadata",
  "impersonate",
  "generate",
  "send",
  "resend",
  "accept",
  "oauth",
  "status",
  "upload",
  "sign",
  "toggle",
  "prepare",
  "unset",
  "refresh",
  "claim",
  "adjust",
  "test",
]);

/** The words of an action id, hyphenated ones split (`m2m.machines.add-scope` → m2m, machines, add, scope). */
const wordsOf = (id: string) => id.split(/[.-]/);

/** The stakes the id's words imply (most severe first), or undefined when no word says. */
export function stakesByWords(id: string): Stakes | undefined {
  const words = wordsOf(id);
  if (words.some((word) => IRREVERSIBLE_WORDS.has(word))) return "irreversible";
  if (words.some((word) => DISRUPTIVE_WORDS.has(word))) return "disruptive";
  if (words.some((word) => HARMLESS_WORDS.has(word))) return "none";
  return undefined;
}

/**
 * An action's stakes: as declared; else `irreversible` when it declares `destructive`; else what
 * its id's words say (`…delete` irreversible, `…remove`/`…revoke`/`…ban` disruptive); else none.
 * Actions that change nothing are always `none`.
 */
export function stakesOf(action: Pick<Action, "id" | "mutates" | "stakes" | "destructive">): Stakes {
  if (!action.mutates) return "none";
  if (action.stakes) return action.stakes;
  if (action.destructive) return "irreversible";
  return stakesByWords(action.id) ?? "none";
}

const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined);

/**
 * How people recognise a Clerk record (a user, an organization, a domain, a template…): its
 * name for the label, and the email, slug or name to type. Undefined when it has no id.
 */
export function recordSubject(record: unknown): Subject | undefined {
  if (typeof record !== "object" || record === null) return undefined;
  const r = record as Record<string, unknown>;
  const id = text(r.id);
  if (!id) return undefined;
  const emails = Array.isArray(r.email_addresses)
    ? (r.email_addresses as { id?: unknown; email_address?: unknown }[])
    : [];
  const email =
    text(emails.find((e) => e.id === r.primary_email_address_id)?.email_address) ??
    text(emails[0]?.email_address) ??
    text(r.email_address);
  const phones = Array.isArray(r.phone_numbers) ? (r.phone_numbers as { phone_number?: unknown }[]) : [];
  const phone = text(phones[0]?.phone_number) ?? text(r.phone_number);
  const person = [text(r.first_name), text(r.last_name)].filter(Boolean).join(" ") || undefined;
  const name = person ?? text(r.name);
  const other = text(r.username) ?? phone ?? text(r.identifier);
  const slug = text(r.slug);
  return {
    label: name ?? email ?? other ?? slug ?? id,
    name_to_type: email ?? slug ?? name ?? other ?? id,
    id,
  };
}

/** Reads a record for its subject (a `GET`, never a change). */
export async function lookUpSubject(ctx: ActionContext, path: string): Promise<Subject | undefined> {
  const { body } = await ctx.backend.request({ method: "GET", path }, z.looseObject({}));
  return recordSubject(body);
}

/** The phrase after the summary's verb ("a user", "organizations on the instance"), up to a colon or parenthesis. */
const objectOf = (summary: string) => summary.split(/[:(]/)[0]?.trim().split(" ").slice(1).join(" ") ?? "";

/** The subject without a lookup: the `destructive` name, else the positional arguments, else the summary's object. */
export function inputSubject(action: Action, input: Record<string, unknown>): Subject {
  const named = action.destructive?.(input as never);
  const positional = (action.positionals ?? [])
    .map((key) => input[key])
    .filter((value): value is string => typeof value === "string" && value !== "");
  const id = named ?? positional.at(-1) ?? objectOf(action.summary);
  return { label: id, name_to_type: id, id };
}

/**
 * Whom the action acts on: its own lookup (`Action.subject`), else what its input says. A lookup
 * Clerk refuses (the record is gone, say) names it by its input: the action then says why.
 */
export async function subjectOf(action: Action, ctx: ActionContext, input: Record<string, unknown>): Promise<Subject> {
  try {
    return (await action.subject?.(ctx, input as never)) ?? inputSubject(action, input);
  } catch (error) {
    if (error instanceof ClerkApiError) return inputSubject(action, input);
    throw error;
  }
}

/** What the confirmation must carry: the name to type (irreversible), else the id (disruptive). */
export const confirmationOf = (stakes: Stakes, subject: Subject) =>
  stakes === "irreversible" ? subject.name_to_type : subject.id;

/** The summary's first word: the verb people read ("Ban", "Delete", "Revoke"). */
export const verbOf = (action: Pick<Action, "summary">) => action.summary.split(/\s/)[0] ?? "";

/** Past tenses that do not follow the rules below. */
const IRREGULAR: Record<string, string> = {
  put: "put",
  set: "set",
  let: "let",
  make: "made",
  send: "sent",
  run: "ran",
  give: "gave",
  take: "took",
  show: "showed",
  ban: "banned",
  unban: "unbanned",
  cancel: "cancelled",
  stop: "stopped",
  drop: "dropped",
};

/** "Ban" → "Banned", "Delete" → "Deleted", "Apply" → "Applied", "Put" → "Put" (the capital kept). */
export function pastTense(verb: string): string {
  const lower = verb.toLowerCase();
  const past =
    IRREGULAR[lower] ??
    (lower.endsWith("e") ? `${lower}d` : /[^aeiou]y$/.test(lower) ? `${lower.slice(0, -1)}ied` : `${lower}ed`);
  return verb.charAt(0) === verb.charAt(0).toUpperCase() ? past.charAt(0).toUpperCase() + past.slice(1) : past;
}

/** "Ada Lovelace (ada@example.com)": the label, with `detail` unless it says the same. */
const named = (label: string, detail: string) => (detail && !label.includes(detail) ? `${label} (${detail})` : label);

/** What a staked action does, for people: "Ban Ada Lovelace (ada@example.com)", "Remove … from Acme Inc". */
export function changeOf(action: Action, subject: Subject): string {
  const where = subject.where ? ` ${subject.where}` : "";
  return `${verbOf(action)} ${named(subject.label, subject.name_to_type)}${where}`;
}

/** The question before a staked action: "Ban Ada Lovelace (ada@example.com)?", "… It cannot be undone." */
export function questionFor(action: Action, stakes: Stakes, subject: Subject): string {
  const question = `${changeOf(action, subject)}?`;
  return stakes === "irreversible" ? `${question} It cannot be undone.` : question;
}

/**
 * The line said once an action is done: "Banned Ada Lovelace (user_…)". Its subject is the
 * confirmed one, else the record the action returned, else the summary's object.
 */
export function doneLine(action: Action, subject: Subject | undefined): string {
  const where = subject?.where ? ` ${subject.where}` : "";
  const what = subject ? named(subject.label, subject.id) : objectOf(action.summary);
  return `${pastTense(verbOf(action))} ${what}${where}`.trim();
}

/** Said on stderr when a `confirm: "terminal"` action runs unasked: "Going to ban Ada Lovelace (user_…)". */
export function unaskedLine(action: Action, subject: Subject): string {
  const verb = verbOf(action);
  const where = subject.where ? ` ${subject.where}` : "";
  return `Going to ${verb.toLowerCase()} ${named(subject.label, subject.id)}${where}`;
}
