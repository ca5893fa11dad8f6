import { describe, expect, test } from "vitest";
import { describeCatalog } from "../../../server/ui/actions";
import { catalog } from "../../../shared/actions/catalog";
import type { Field } from "../../../shared/actions/fields";
import type { ActionInfo } from "../../../shared/actions/types";
import { cliLine } from "../../../shared/cli-line";
import { changedInput, cliInput, initialDraft, isCheckbox, parseDraft, prefillDraft } from "./form-values";

const field = (name: string, kind: Field["kind"], extra: Partial<Field> = {}): Field => ({
  name,
  flag: name.replace(/_/g, "-"),
  kind,
  required: false,
  description: name,
  ...extra,
});

const described = describeCatalog(catalog) as unknown as ActionInfo[];
const info = (id: string) => described.find((a) => a.id === id) as ActionInfo;

describe("generated forms", () => {
  test("each kind of field becomes the value the action's schema takes; blanks are left out", () => {
    const fields = [
      field("name", "string", { required: true }),
      field("limit", "number"),
      field("notify", "boolean", { defaultValue: true }),
      field("banned", "boolean"),
      field("status", "enum", { choices: ["active", "revoked"] }),
      field("emails", "list"),
      field("public_metadata", "json"),
      field("note", "string"),
    ];
    const draft = {
      ...initialDraft(fields),
      name: "  Ada ",
      limit: "25",
      banned: "false",
      status: "active",
      emails: "a@example.com, b@example.com\nc@example.com\n",
      public_metadata: '{"plan":"pro"}',
    };
    expect(initialDraft(fields)).toMatchObject({ notify: "true", banned: "", status: "" });
    expect(parseDraft(fields, draft)).toEqual({
      input: {
        name: "Ada",
        limit: 25,
        notify: true,
        banned: false,
        status: "active",
        emails: ["a@example.com", "b@example.com", "c@example.com"],
        public_metadata: { plan: "pro" },
      },
      errors: {},
    });
  });

  test("bad values are caught before sending, saying why", () => {
    const fields = [
      field("name", "string", { required: true }),
      field("limit", "number"),
      field("claims", "json"),
      field("metadata", "json"),
      field("status", "enum", { choices: ["active"] }),
    ];
    const { errors } = parseDraft(fields, {
      name: " ",
      limit: "ten",
      claims: '{"a": 1,}',
      metadata: "[1]",
      status: "gone",
    });
    expect(errors).toEqual({
      name: "Required.",
      limit: "Must be a number.",
      claims: "Trailing comma before '}': remove it (line 1, column 8).",
      metadata: "Must be a JSON object ({ … }), not an array.",
      status: "One of: active.",
    });
  });

  test("the CLI line is the real command for what the form sends, secrets left to a shell variable", () => {
    const create = info("users.create");
    const { input } = parseDraft(create.fields, {
      ...initialDraft(create.fields),
      email_address: "ada@example.com",
      first_name: "Ada",
      password: "correct horse battery",
      public_metadata: '{"plan":"pro"}',
    });
    const shown = cliInput(create.fields, input);
    expect(cliLine(create, shown.input, shown.extra)).toBe(
      `clerk users create --email-address ada@example.com --first-name Ada --public-metadata '{"plan":"pro"}' --password "$PASSWORD"`,
    );
    expect(JSON.stringify(shown)).not.toContain("correct horse");
  });

  test("a list's filters: a yes/no without default can stay unset, an enum offers its choices", () => {
    const list = info("sessions.list");
    const draft = initialDraft(list.fields);
    expect(draft).toMatchObject({ user_id: "", status: "" });
    expect(parseDraft(list.fields, { ...draft, status: "active" }).input).toEqual({ status: "active" });
  });

  test("an update form starts from the record: each value as its field shows it, and only changes are sent", () => {
    const fields = [
      field("name", "string"),
      field("lifetime", "number"),
      field("custom_signing_key", "boolean"),
      field("test_mode", "boolean"),
      field("origins", "list"),
      field("claims", "json"),
      field("client_secret", "string"),
      field("kind", "enum", { choices: ["a", "b"] }),
    ];
    const record = {
      name: "convex",
      lifetime: 60,
      custom_signing_key: false,
      origins: ["https://a.example", "https://b.example"],
      claims: { aud: "convex" },
      client_secret: "never shown",
      kind: "z",
    };
    const { draft, prefilled } = prefillDraft(fields, record);
    expect(draft).toEqual({
      name: "convex",
      lifetime: "60",
      custom_signing_key: "false",
      test_mode: "",
      origins: "https://a.example, https://b.example",
      claims: '{\n  "aud": "convex"\n}',
      client_secret: "",
      kind: "",
    });
    expect([...prefilled].sort()).toEqual(["claims", "custom_signing_key", "lifetime", "name", "origins"]);
    // A yes/no with a current value is a checkbox; one without keeps its "not set".
    expect(isCheckbox(fields[2] as Field, prefilled.has("custom_signing_key"))).toBe(true);
    expect(isCheckbox(fields[3] as Field, prefilled.has("test_mode"))).toBe(false);

    const baseline = parseDraft(fields, draft).input;
    expect(changedInput(baseline, baseline, prefilled)).toEqual({});
    const edited = parseDraft(fields, { ...draft, lifetime: "3600", custom_signing_key: "true", test_mode: "false" });
    expect(changedInput(edited.input, baseline, prefilled)).toEqual({
      lifetime: 3600,
      custom_signing_key: true,
      test_mode: false,
    });
  });
});
