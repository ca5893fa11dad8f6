import { useEffect, useRef, useState } from "preact/hooks";
import type { ActionInput } from "../../../shared/actions/types";
import { CliCommand } from "../../components/cli-command";
import { useRunAction } from "../../components/run-action";
import { Form } from "../shared/parts";
import { storeUser, type User } from "./common";

const KINDS = [
  { key: "public_metadata", label: "Public metadata", help: "Readable from the frontend; set only from the backend." },
  { key: "private_metadata", label: "Private metadata", help: "Backend only: never sent to the browser." },
  { key: "unsafe_metadata", label: "Unsafe metadata", help: "Readable and writable by the user from the frontend." },
] as const;
type Key = (typeof KINDS)[number]["key"];
type Texts = Record<Key, string>;

const pretty = (value: unknown) => JSON.stringify(value ?? {}, null, 2);
const storedTexts = (user: User): Texts => ({
  public_metadata: pretty(user.public_metadata),
  private_metadata: pretty(user.private_metadata),
  unsafe_metadata: pretty(user.unsafe_metadata),
});

export type Checked = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

/** Metadata must be a JSON object: says why not, in words, as the person types. */
export function checkJsonObject(text: string): Checked {
  if (text.trim() === "") return { ok: false, error: "Empty: write {} for no metadata." };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `Invalid JSON: ${(error as Error).message}` };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const kind = value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
    return { ok: false, error: `Must be a JSON object ({…}), not ${kind}.` };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

const same = (text: string, stored: string) => {
  const checked = checkJsonObject(text);
  return checked.ok ? JSON.stringify(checked.value) === JSON.stringify(JSON.parse(stored)) : false;
};

/**
 * Public, private and unsafe metadata as JSON. Saving replaces each changed object
 * (`users.metadata --replace`), so what the editor shows is exactly what Clerk stores.
 */
export function MetadataEditor({ user }: { user: User }) {
  const stored = storedTexts(user);
  const [drafts, setDrafts] = useState<Texts>(stored);
  const base = useRef<Texts>(stored);
  // When Clerk's copy changes (a save, a refetch), untouched editors follow it; edited ones are kept.
  useEffect(() => {
    setDrafts((current) => {
      const next = { ...current };
      for (const { key } of KINDS) {
        if (current[key] === base.current[key] || same(current[key], stored[key])) next[key] = stored[key];
      }
      return next;
    });
    base.current = stored;
  }, [stored.public_metadata, stored.private_metadata, stored.unsafe_metadata]);

  const checks = Object.fromEntries(KINDS.map(({ key }) => [key, checkJsonObject(drafts[key])])) as Record<
    Key,
    Checked
  >;
  const changed = KINDS.filter(({ key }) => !same(drafts[key], stored[key]));
  const invalid = changed.filter(({ key }) => !checks[key].ok);
  const input: ActionInput<"users.metadata"> = { user_id: user.id, replace: true };
  for (const { key } of changed) {
    const check = checks[key];
    if (check.ok) input[key] = check.value;
  }
  const save = useRunAction("users.metadata", {
    success: () => `Saved ${changed.map((k) => k.label.toLowerCase()).join(" and ")}`,
    onSuccess: storeUser,
  });

  return (
    <Form
      class="card users-metadata"
      aria-labelledby="user-metadata"
      onSubmit={() => {
        if (changed.length && !invalid.length) save.mutate({ input });
      }}
    >
      <h2 id="user-metadata">Metadata</h2>
      <div class="users-metadata-grid">
        {KINDS.map(({ key, label, help }) => {
          const check = checks[key];
          const dirty = changed.some((k) => k.key === key);
          return (
            <div key={key} class="users-metadata-field">
              <label for={`meta-${key}`}>
                <span>
                  {label}
                  {dirty && <span class="users-dirty"> · edited</span>}
                </span>
                <span class="users-hint">{help}</span>
              </label>
              <textarea
                id={`meta-${key}`}
                data-testid={`metadata-${key.split("_")[0]}`}
                spellcheck={false}
                aria-invalid={!check.ok}
                aria-describedby={`meta-${key}-status`}
                value={drafts[key]}
                onInput={(event) => {
                  const value = (event.target as HTMLTextAreaElement).value;
                  setDrafts((current) => ({ ...current, [key]: value }));
                }}
              />
              <div
                id={`meta-${key}-status`}
                class={check.ok ? "users-hint" : "users-error-text"}
                data-testid={`metadata-${key.split("_")[0]}-status`}
                aria-live="polite"
              >
                {check.ok
                  ? `Valid JSON object · ${plural(Object.keys(check.value).length, "key")} · ${plural(new Blob([JSON.stringify(check.value)]).size, "byte")}`
                  : check.error}
              </div>
              <div class="actions">
                <button
                  type="button"
                  class="link-button"
                  disabled={!check.ok || pretty(check.ok ? check.value : null) === drafts[key]}
                  onClick={() => check.ok && setDrafts((current) => ({ ...current, [key]: pretty(check.value) }))}
                >
                  Format
                </button>
                <button
                  type="button"
                  class="link-button"
                  disabled={drafts[key] === stored[key]}
                  onClick={() => setDrafts((current) => ({ ...current, [key]: stored[key] }))}
                >
                  Revert
                </button>
              </div>
            </div>
          );
        })}
      </div>
      <div class="users-submit-row">
        {invalid.length ? (
          <span class="users-error-text users-grow" data-testid="metadata-blocked">
            Fix {invalid.map((k) => k.label.toLowerCase()).join(" and ")} before saving: it must be a valid JSON object.
          </span>
        ) : changed.length ? (
          <CliCommand action="users.metadata" input={input} />
        ) : (
          <span class="muted users-grow">No changes. Saving replaces each edited object as a whole.</span>
        )}
        <button
          type="submit"
          class="primary"
          data-testid="metadata-save"
          disabled={!changed.length || invalid.length > 0 || save.isPending}
        >
          {save.isPending ? "Saving…" : "Save metadata"}
        </button>
      </div>
    </Form>
  );
}
