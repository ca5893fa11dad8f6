import { describe, expect, test } from "vitest";
import { useActionSandbox } from "../../server/sandbox/testing/actions";
import { findAction } from "./catalog";
import { doneLine, pastTense, questionFor, recordSubject, stakesOf, subjectOf } from "./stakes";

const { run, context } = useActionSandbox();
const action = (id: string) => {
  const found = findAction(id);
  if (!found) throw new Error(`no action ${id}`);
  return found;
};

describe("stakes and subjects", () => {
  test("past tenses: regular, doubled, -y and irregular verbs", () => {
    expect(["Delete", "Ban", "Revoke", "Apply", "Put", "Lock", "Cancel", "Add"].map(pastTense)).toEqual([
      "Deleted",
      "Banned",
      "Revoked",
      "Applied",
      "Put",
      "Locked",
      "Cancelled",
      "Added",
    ]);
  });

  test("a record is named as people know it: a person's name, typed as their email; an org's slug", () => {
    expect(
      recordSubject({
        id: "user_1",
        first_name: "Ada",
        last_name: "Lovelace",
        primary_email_address_id: "idn_2",
        email_addresses: [
          { id: "idn_1", email_address: "old@example.com" },
          { id: "idn_2", email_address: "ada@example.com" },
        ],
      }),
    ).toEqual({ label: "Ada Lovelace", name_to_type: "ada@example.com", id: "user_1" });
    expect(recordSubject({ id: "org_1", name: "Acme Inc", slug: "acme" })).toEqual({
      label: "Acme Inc",
      name_to_type: "acme",
      id: "org_1",
    });
    expect(recordSubject({ id: "user_2", email_addresses: [] })).toEqual({
      label: "user_2",
      name_to_type: "user_2",
      id: "user_2",
    });
    expect(recordSubject({ deleted: true })).toBeUndefined();
  });

  test("ban: a yes/no naming the user; delete: irreversible, typed as the email; the done line has the id", async () => {
    const user = await run("users.create", {
      email_address: ["ada@example.com"],
      first_name: "Ada",
      last_name: "Lovelace",
    });
    const ban = action("users.ban");
    const subject = await subjectOf(ban, context(), { user_id: user.id });
    expect(subject).toEqual({ label: "Ada Lovelace", name_to_type: "ada@example.com", id: user.id });
    expect(stakesOf(ban)).toBe("disruptive");
    expect(questionFor(ban, "disruptive", subject)).toBe("Ban Ada Lovelace (ada@example.com)?");
    expect(doneLine(ban, subject)).toBe(`Banned Ada Lovelace (${user.id})`);
    const remove = action("users.delete");
    expect(stakesOf(remove)).toBe("irreversible");
    expect(questionFor(remove, "irreversible", subject)).toBe(
      "Delete Ada Lovelace (ada@example.com)? It cannot be undone.",
    );
  });

  test("removing a member names the person and the organization; a lookup Clerk refuses falls back to the id", async () => {
    const user = await run("users.create", { email_address: ["grace@example.com"], first_name: "Grace" });
    const org = await run("orgs.create", { name: "Acme Inc", slug: "acme", created_by: user.id });
    const remove = action("orgs.members.remove");
    const subject = await subjectOf(remove, context(), { organization_id: org.id, user_id: user.id });
    expect(questionFor(remove, stakesOf(remove), subject)).toBe("Remove Grace (grace@example.com) from Acme Inc?");
    const gone = await subjectOf(action("users.delete"), context(), { user_id: "user_missing" });
    expect(gone).toEqual({ label: "user_missing", name_to_type: "user_missing", id: "user_missing" });
  });

  test("an action without a subject says what it did from its summary", () => {
    expect(doneLine(action("disable.orgs"), undefined)).toBe("Disabled organizations on the instance");
  });
});
