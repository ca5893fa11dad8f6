import { keepPreviousData } from "@tanstack/query-core";
import { useEffect, useRef, useState } from "preact/hooks";
import type { Organization, OrganizationInvitation, OrganizationMembership, User } from "../../../shared/clerk/schemas";
import { callAction } from "../../api";
import { useDebounced, useQuery } from "../../query";
import { primaryEmail, userName } from "../shared/common";
import { Options } from "../shared/parts";
import "./orgs.css";

export type { Organization, OrganizationInvitation, OrganizationMembership, User };

/** Clerk's built-in organization roles (the catalog has no action listing custom roles). */
export const ROLES = ["org:admin", "org:member"] as const;

/** The role to give someone joining the organization. */
export function RoleSelect({ value, onChange }: { value: string; onChange(role: string): void }) {
  return (
    <label>
      Role
      <select value={value} onChange={(event) => onChange((event.target as HTMLSelectElement).value)}>
        <Options values={ROLES} />
      </select>
    </label>
  );
}

/** How many members the organization may have (0: unlimited), as typed. */
export function MaxMembershipsField(props: {
  value: string;
  invalid: boolean;
  onInput(value: string): void;
  placeholder?: string;
  hint: string;
}) {
  return (
    <label>
      Max memberships
      <input
        type="number"
        min={0}
        step={1}
        inputMode="numeric"
        value={props.value}
        aria-invalid={props.invalid}
        placeholder={props.placeholder}
        onInput={(event) => props.onInput((event.target as HTMLInputElement).value)}
      />
      <span class="orgs-hint">{props.hint}</span>
    </label>
  );
}

export function RoleBadge({ role }: { role: string }) {
  return <span class={`badge orgs-role ${role === "org:admin" ? "orgs-role-admin" : "badge-muted"}`}>{role}</span>;
}

const STATUS_CLASS: Record<string, string> = {
  pending: "badge-sandbox",
  accepted: "badge-success",
  revoked: "badge-danger",
  expired: "badge-muted",
};

export function StatusBadge({ status }: { status: string }) {
  return <span class={`badge ${STATUS_CLASS[status] ?? "badge-muted"}`}>{status || "unknown"}</span>;
}

export interface PickedUser {
  id: string;
  label: string;
}

function describeUser(user: User): string {
  const name = userName(user);
  const email = primaryEmail(user);
  return name && email ? `${name} <${email}>` : name || email || user.username || user.id;
}

let pickerCount = 0;

/**
 * Finds a user by typing part of an email, name or username (`users.list --query`), or takes a
 * `user_…` id as typed. ↑/↓ move through the matches, Enter picks, Esc closes the list.
 * Give it a new `key` to clear it.
 */
export function UserPicker(props: {
  label: string;
  /** Shown next to the label until someone is picked (then their id is). */
  hint?: string;
  value: PickedUser | null;
  onChange(user: PickedUser | null): void;
  required?: boolean;
  search?: boolean;
  testId?: string;
  /** Read-only while the form using it is being submitted. */
  busy?: boolean;
  /** Focus on mount (a form reset after adding someone, ready for the next one). */
  focus?: boolean;
}) {
  const [uid] = useState(() => `user-picker-${++pickerCount}`);
  const [text, setText] = useState(props.value?.label ?? "");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (props.focus) input.current?.focus();
  }, []);
  const term = useDebounced(text.trim(), 200);

  const enabled = open && term.length > 0 && !props.value;
  const results = useQuery({
    queryKey: ["users", "picker", term],
    queryFn: ({ signal }) => callAction("users.list", { query: term, limit: 8 }, { signal }),
    enabled,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
  const users = enabled ? (results.data?.data ?? []) : [];
  useEffect(() => setActive(0), [term]);

  const pick = (user: User) => {
    const picked = { id: user.id, label: describeUser(user) };
    setText(picked.label);
    setOpen(false);
    props.onChange(picked);
  };
  const listId = `${uid}-list`;
  const showList = open && !props.value && term.length > 0;

  return (
    <div class="orgs-picker">
      <div class="orgs-label-row">
        <label for={uid}>{props.label}</label>
        {props.value && (
          <span class="mono orgs-picked" data-testid={props.testId ? `${props.testId}-id` : undefined}>
            {props.value.id}
          </span>
        )}
      </div>
      <div class="orgs-picker-box">
        <input
          id={uid}
          ref={input}
          type="text"
          readOnly={props.busy}
          aria-busy={props.busy}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={showList}
          aria-controls={listId}
          aria-activedescendant={showList && users[active] ? `${listId}-${active}` : undefined}
          autoComplete="off"
          spellcheck={false}
          required={props.required}
          placeholder="Type an email, a name or a user_… id"
          data-testid={props.testId}
          {...(props.search ? { "data-search": "" } : {})}
          value={text}
          onInput={(event) => {
            const value = (event.target as HTMLInputElement).value;
            setText(value);
            setOpen(true);
            const id = value.trim();
            props.onChange(/^user_[A-Za-z0-9]+$/.test(id) ? { id, label: id } : null);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 120)}
          onKeyDown={(event) => {
            if (!showList) return;
            if (event.key === "ArrowDown") setActive((i) => Math.min(users.length - 1, i + 1));
            else if (event.key === "ArrowUp") setActive((i) => Math.max(0, i - 1));
            else if (event.key === "Enter" && users[active]) pick(users[active] as User);
            else if (event.key === "Escape") setOpen(false);
            else return;
            event.preventDefault();
            event.stopPropagation();
          }}
        />
        {showList && (
          <div class="orgs-picker-list" id={listId} role="listbox" aria-label={`${props.label}: matches`}>
            {results.isPending || (results.isFetching && users.length === 0) ? (
              <div class="orgs-picker-note muted">Searching…</div>
            ) : results.error ? (
              <div class="orgs-picker-note orgs-error-text">{results.error.message}</div>
            ) : users.length === 0 ? (
              <div class="orgs-picker-note muted">No user matches “{term}”</div>
            ) : (
              users.map((user, index) => (
                <div
                  key={user.id}
                  tabIndex={-1}
                  id={`${listId}-${index}`}
                  role="option"
                  aria-selected={index === active}
                  class={index === active ? "active" : ""}
                  onMouseDown={(event) => {
                    event.preventDefault();
                    pick(user);
                  }}
                  onMouseEnter={() => setActive(index)}
                >
                  <strong>{userName(user) || user.username || "(no name)"}</strong>
                  <span class="muted">{primaryEmail(user)}</span>
                  <span class="muted mono">{user.id}</span>
                </div>
              ))
            )}
          </div>
        )}
      </div>
      {props.hint && <span class="orgs-hint">{props.hint}</span>}
    </div>
  );
}

/**
 * Runs a mutation from an event handler. Its failure is already shown (useRunAction toasts
 * Clerk's error), so the rejected promise is handled here rather than left unhandled.
 */
export function run<V>(mutation: { mutate(variables: V): Promise<unknown> }, variables: V): void {
  mutation.mutate(variables).catch(() => undefined);
}

/** Parses an optional whole number field; undefined when blank, NaN when invalid. */
export function optionalInt(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}
