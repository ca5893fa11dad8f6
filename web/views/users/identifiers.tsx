import { useState } from "preact/hooks";
import { useActionInfo } from "../../components/catalog";
import { CliCommand } from "../../components/cli-command";
import { ConfirmDialog } from "../../components/confirm";
import { CopyId } from "../../components/copy";
import { useRunAction } from "../../components/run-action";
import { queryClient } from "../../query";
import { Form } from "../shared/parts";
import type { User } from "./common";

type Kind = "email" | "phone";

interface Identifier {
  id: string;
  value: string;
  verified: boolean;
  primary: boolean;
}

const KINDS = {
  email: {
    title: "Email addresses",
    noun: "email address",
    add: "users.emails.add",
    addInput: (user_id: string, email_address: string) => ({ user_id, email_address }),
    remove: "users.emails.remove",
    removeInput: (email_address_id: string) => ({ email_address_id }),
    type: "email",
    placeholder: "ada@work.example",
  },
  phone: {
    title: "Phone numbers",
    noun: "phone number",
    add: "users.phones.add",
    addInput: (user_id: string, phone_number: string) => ({ user_id, phone_number }),
    remove: "users.phones.remove",
    removeInput: (phone_number_id: string) => ({ phone_number_id }),
    type: "tel",
    placeholder: "+15555550100",
  },
} as const;

function identifiers(user: User, kind: Kind): Identifier[] {
  const list =
    kind === "email"
      ? user.email_addresses.map((e) => ({ id: e.id, value: e.email_address, verification: e.verification }))
      : user.phone_numbers.map((p) => ({ id: p.id, value: p.phone_number, verification: p.verification }));
  const primary = kind === "email" ? user.primary_email_address_id : user.primary_phone_number_id;
  return list.map((item) => ({
    id: item.id,
    value: item.value,
    verified: item.verification?.status === "verified",
    primary: item.id === primary,
  }));
}

/** Emails and phone numbers: badges for verified/primary, add, remove with typed confirmation. */
export function Identifiers({ user }: { user: User }) {
  return (
    <section class="card" aria-labelledby="user-identifiers">
      <h2 id="user-identifiers">Identifiers</h2>
      <div class="grid-2">
        <IdentifierList user={user} kind="email" />
        <IdentifierList user={user} kind="phone" />
      </div>
    </section>
  );
}

const refreshUser = (userId: string) =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: ["users", "get", userId] }),
    queryClient.invalidateQueries({ queryKey: ["users", "list"] }),
  ]);

function IdentifierList({ user, kind }: { user: User; kind: Kind }) {
  const spec = KINDS[kind];
  const items = identifiers(user, kind);
  const [removing, setRemoving] = useState<Identifier | null>(null);
  const stakes = useActionInfo(spec.remove)?.stakes;
  const remove = useRunAction(spec.remove, {
    success: () => `Removed ${removing?.value ?? `the ${spec.noun}`}`,
    onSuccess: () => {
      setRemoving(null);
      void refreshUser(user.id);
    },
  });

  return (
    <section aria-labelledby={`user-${kind}s`} class="users-identifiers" data-testid={`user-${kind}s`}>
      <h3 id={`user-${kind}s`}>{spec.title}</h3>
      {items.length === 0 ? (
        <p class="muted users-none">No {spec.noun} yet.</p>
      ) : (
        <ul class="users-idn-list">
          {items.map((item) => (
            <li key={item.id}>
              <span class="users-idn-value">
                <strong>{item.value}</strong>
                <span class="users-badges">
                  {item.primary && <span class="badge users-badge-primary">primary</span>}
                  <span class={`badge ${item.verified ? "badge-success" : "badge-sandbox"}`}>
                    {item.verified ? "verified" : "unverified"}
                  </span>
                </span>
              </span>
              <CopyId id={item.id} />
              <button
                type="button"
                class="users-danger-button"
                aria-label={`Remove ${item.value}`}
                onClick={() => setRemoving(item)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <AddIdentifier user={user} kind={kind} />
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.value}?`}
          // As the action declares (it can be added again: a plain yes/no); irreversible would type the id.
          {...(stakes === "irreversible" ? { expected: removing.id } : {})}
          confirmLabel={`Remove ${spec.noun}`}
          busy={remove.isPending}
          onCancel={() => setRemoving(null)}
          onConfirm={() => remove.mutate({ input: spec.removeInput(removing.id), confirm: removing.id })}
        >
          <p class="users-dialog-text">
            The user can no longer sign in with {removing.value}
            {removing.primary ? `; it is their primary ${spec.noun}, so another one becomes primary` : ""}.
          </p>
          <CliCommand action={spec.remove} input={spec.removeInput(removing.id)} />
        </ConfirmDialog>
      )}
    </section>
  );
}

function AddIdentifier({ user, kind }: { user: User; kind: Kind }) {
  const spec = KINDS[kind];
  const [value, setValue] = useState("");
  const [verified, setVerified] = useState(true);
  const [primary, setPrimary] = useState(false);
  const add = useRunAction(spec.add, {
    success: () => `Added ${value.trim()}`,
    onSuccess: () => {
      setValue("");
      setPrimary(false);
      void refreshUser(user.id);
    },
  });
  const input = { ...spec.addInput(user.id, value.trim()), verified, primary };
  return (
    <Form
      class="inline-form users-inline-form"
      aria-label={`Add ${spec.noun}`}
      onSubmit={() => {
        if (value.trim()) add.mutate({ input });
      }}
    >
      <div class="inline-fields">
        <label class="users-grow">
          Add {spec.noun}
          <input
            type={spec.type as "text"}
            value={value}
            autoComplete="off"
            placeholder={spec.placeholder}
            onInput={(event) => setValue((event.target as HTMLInputElement).value)}
          />
        </label>
        <label class="inline">
          <input type="checkbox" checked={verified} onChange={() => setVerified(!verified)} />
          Verified
        </label>
        <label class="inline">
          <input type="checkbox" checked={primary} onChange={() => setPrimary(!primary)} />
          Primary
        </label>
        <button type="submit" class="primary" disabled={!value.trim() || add.isPending}>
          {add.isPending ? "Adding…" : "Add"}
        </button>
      </div>
      {value.trim() && <CliCommand action={spec.add} input={input} />}
    </Form>
  );
}
