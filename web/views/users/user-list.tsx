import { keepPreviousData } from "@tanstack/query-core";
import { useEffect, useRef, useState } from "preact/hooks";
import { callAction } from "../../api";
import { CliCommand } from "../../components/cli-command";
import { CopyId } from "../../components/copy";
import { type Column, DataTable } from "../../components/data-table";
import { closesOnEscape } from "../../components/keys";
import { useRunAction } from "../../components/run-action";
import { EmptyState, ErrorState } from "../../components/states";
import { useQuery } from "../../query";
import { navigate, useLocation } from "../../router";
import { formatDate, limitParam, offsetParam, primaryEmail, setParams, userName } from "../shared/common";
import { EmptyPage, Form, ListHeader, PageSize, Pages, useSearchText } from "../shared/parts";
import { Avatar, rememberListUrl, StatusBadges, type User, userLabel } from "./common";

const PAGE_SIZES = [10, 20, 50, 100];
/** `users.list --order-by` fields, with the words the sort picker shows. */
const SORTS: Record<string, string> = {
  created_at: "Created",
  updated_at: "Updated",
  last_active_at: "Last active",
  last_sign_in_at: "Last sign-in",
  first_name: "First name",
  last_name: "Last name",
  email_address: "Email",
  username: "Username",
  phone_number: "Phone",
};
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const userPath = (user: User) => `/users/${encodeURIComponent(user.id)}`;

const columns: Column<User>[] = [
  {
    key: "name",
    header: "Name",
    sort: "first_name",
    render: (user) => (
      <span class="users-cell-name">
        <Avatar user={user} />
        <span class="users-cell-text">
          <a href={userPath(user)}>{userName(user) || <span class="muted">(no name)</span>}</a>
          {user.username && <span class="muted">@{user.username}</span>}
        </span>
      </span>
    ),
  },
  {
    key: "email",
    header: "Email",
    sort: "email_address",
    render: (user) => primaryEmail(user) || <span class="muted">{user.phone_numbers[0]?.phone_number ?? "—"}</span>,
  },
  { key: "id", header: "ID", render: (user) => <CopyId id={user.id} /> },
  { key: "status", header: "Status", render: (user) => <StatusBadges user={user} quiet /> },
  { key: "created", header: "Created", sort: "created_at", render: (user) => formatDate(user.created_at) },
  {
    key: "active",
    header: "Last active",
    sort: "last_active_at",
    render: (user) => (user.last_active_at ? formatDate(user.last_active_at) : <span class="muted">never</span>),
  },
];

/** Reads the list's state from the URL: `?query=&order_by=&offset=&limit=&banned=&…`. */
function useListParams() {
  const { query } = useLocation();
  const sort = query.get("order_by") ?? "";
  const banned = query.get("banned");
  const date = (name: string) => {
    const value = query.get(name) ?? "";
    return DATE.test(value) ? value : "";
  };
  return {
    q: query.get("query") ?? "",
    orderBy: sort.replace(/^[+-]/, "") in SORTS ? (/^[+-]/.test(sort) ? sort : `+${sort}`) : "-created_at",
    limit: limitParam(query.get("limit"), PAGE_SIZES, 20),
    offset: offsetParam(query.get("offset")),
    banned: banned === "true" || banned === "false" ? banned : "",
    after: date("created_at_after"),
    before: date("created_at_before"),
    org: query.get("organization_id") ?? "",
    creating: query.get("new") === "1",
  };
}

/** `/users`: search as you type, filters, sortable columns and pages, all kept in the URL. */
export function UserList() {
  const params = useListParams();
  const { q, orderBy, limit, offset, banned, after, before, org, creating } = params;
  useEffect(rememberListUrl);

  const [text, setText] = useSearchText("query", q);

  const input: Record<string, unknown> = {
    ...(q ? { query: q } : {}),
    ...(banned ? { banned: banned === "true" } : {}),
    ...(after ? { created_at_after: after } : {}),
    ...(before ? { created_at_before: before } : {}),
    ...(org ? { organization_id: [org] } : {}),
    order_by: orderBy,
    limit,
    offset,
  };
  const list = useQuery({
    queryKey: ["users", "list", input],
    // The signal cancels a request that a newer keystroke (or leaving the page) supersedes.
    queryFn: ({ signal }) => callAction("users.list", input, { signal }),
    placeholderData: keepPreviousData,
  });
  const total = list.data?.total_count ?? 0;
  const rows = list.data?.data;
  const filtered = Boolean(banned || after || before || org);
  const clearAll = () => {
    setText("");
    setParams({
      query: undefined,
      banned: undefined,
      created_at_after: undefined,
      created_at_before: undefined,
      organization_id: undefined,
      offset: undefined,
    });
  };

  return (
    <section class="users-page" aria-labelledby="users-title">
      <ListHeader
        id="users-title"
        title="Users"
        total={list.data && total}
        matching={Boolean(q || filtered)}
        totalTestId="users-total"
        creating={creating}
        newLabel="New user"
      />

      {creating && <CreateUser onCancel={() => setParams({ new: undefined })} />}

      <div class="toolbar users-toolbar">
        <label class="users-search">
          Search
          <input
            type="search"
            data-search
            data-testid="users-search"
            value={text}
            placeholder="Email, phone, username, name or id — press /"
            onInput={(event) => setText((event.target as HTMLInputElement).value)}
          />
        </label>
        <Filters {...params} />
        <label>
          Sort by
          <span class="users-sort">
            <select
              value={orderBy.slice(1)}
              aria-label="Sort field"
              onChange={(event) =>
                setParams({ order_by: `${orderBy[0]}${(event.target as HTMLSelectElement).value}`, offset: undefined })
              }
            >
              {Object.entries(SORTS).map(([field, label]) => (
                <option key={field} value={field}>
                  {label}
                </option>
              ))}
            </select>
            <button
              type="button"
              aria-label={
                orderBy.startsWith("-") ? "Descending (click for ascending)" : "Ascending (click for descending)"
              }
              title={orderBy.startsWith("-") ? "Descending" : "Ascending"}
              onClick={() =>
                setParams({ order_by: `${orderBy.startsWith("-") ? "+" : "-"}${orderBy.slice(1)}`, offset: undefined })
              }
            >
              {orderBy.startsWith("-") ? "↓" : "↑"}
            </button>
          </span>
        </label>
        <PageSize limit={limit} sizes={PAGE_SIZES} />
        {(q || filtered) && (
          <button type="button" class="link-button users-clear" onClick={clearAll}>
            Clear all
          </button>
        )}
        <span class="muted users-status" aria-live="polite">
          {list.isFetching && list.data ? "Loading…" : ""}
        </span>
      </div>

      {list.error && !list.data ? (
        <ErrorState error={list.error} retry={() => void list.refetch()} />
      ) : rows && rows.length === 0 ? (
        q || filtered ? (
          <EmptyState
            title={
              q ? `No user matches “${q}”${filtered ? " with these filters" : ""}.` : "No user matches these filters."
            }
          >
            Search looks at emails, phone numbers, usernames, names and ids.{" "}
            <button type="button" class="link-button" onClick={clearAll}>
              Clear search and filters
            </button>
          </EmptyState>
        ) : offset > 0 ? (
          <EmptyPage />
        ) : (
          <EmptyState title="No users yet.">
            Create the first one with “New user”, or run <code>clerk users create --email-address …</code>.
          </EmptyState>
        )
      ) : (
        <>
          <DataTable
            label="Users"
            rows={rows}
            columns={columns}
            rowKey={(user) => user.id}
            loading={list.isPending}
            orderBy={orderBy}
            onSort={(next) => setParams({ order_by: next, offset: undefined })}
            href={userPath}
          />
          {list.data && <Pages offset={offset} limit={limit} total={total} />}
        </>
      )}
      <div class="users-list-cli">
        <span class="muted">The same list from a terminal:</span>
        <CliCommand action="users.list" input={input} />
      </div>
    </section>
  );
}

function Filters({ banned, after, before, org }: ReturnType<typeof useListParams>) {
  const orgs = useQuery({
    queryKey: ["orgs", "list", "users-filter"],
    queryFn: ({ signal }) => callAction("orgs.list", { order_by: "+name", limit: 100 }, { signal }),
    staleTime: 60_000,
  });
  const options = orgs.data?.data ?? [];
  const known = !org || options.some((o) => o.id === org);
  const onDate = (name: string) => (event: Event) => {
    const value = (event.target as HTMLInputElement).value;
    if (value === "" || DATE.test(value)) setParams({ [name]: value, offset: undefined });
  };
  return (
    <>
      <label>
        Status
        <select
          value={banned}
          data-testid="filter-banned"
          onChange={(event) => setParams({ banned: (event.target as HTMLSelectElement).value, offset: undefined })}
        >
          <option value="">Any</option>
          <option value="true">Banned</option>
          <option value="false">Not banned</option>
        </select>
      </label>
      <label>
        Organization
        <select
          value={org}
          class="users-org-filter"
          onChange={(event) =>
            setParams({ organization_id: (event.target as HTMLSelectElement).value, offset: undefined })
          }
        >
          <option value="">Any</option>
          {!known && <option value={org}>{org}</option>}
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Created after
        <input type="date" value={after} max={before || undefined} onChange={onDate("created_at_after")} />
      </label>
      <label>
        Created before
        <input type="date" value={before} min={after || undefined} onChange={onDate("created_at_before")} />
      </label>
    </>
  );
}

/** The "New user" form; lands on the new user's page. */
function CreateUser({ onCancel }: { onCancel(): void }) {
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const [form, setForm] = useState({
    email_address: "",
    phone_number: "",
    username: "",
    first_name: "",
    last_name: "",
    password: "",
  });
  const field = (name: keyof typeof form) => ({
    value: form[name],
    onInput: (event: Event) => setForm({ ...form, [name]: (event.target as HTMLInputElement).value }),
  });
  const email = form.email_address.trim();
  const phone = form.phone_number.trim();
  const input: Record<string, unknown> = {
    ...(email ? { email_address: [email] } : {}),
    ...(phone ? { phone_number: [phone] } : {}),
    ...(form.username.trim() ? { username: form.username.trim() } : {}),
    ...(form.first_name.trim() ? { first_name: form.first_name.trim() } : {}),
    ...(form.last_name.trim() ? { last_name: form.last_name.trim() } : {}),
  };
  const empty = Object.keys(input).length === 0 && !form.password;
  const create = useRunAction("users.create", {
    success: (user) => `Created ${userLabel(user)}`,
    invalidate: [["users", "list"]],
    onSuccess: (user) => navigate(userPath(user)),
  });

  return (
    <Form
      class="card users-form"
      onKeyDown={closesOnEscape(onCancel)}
      aria-labelledby="users-create-title"
      onSubmit={() => {
        if (!empty) create.mutate({ input: { ...input, ...(form.password ? { password: form.password } : {}) } });
      }}
    >
      <h2 id="users-create-title">New user</h2>
      <div class="users-form-grid">
        <label>
          Email address
          <input
            type="email"
            ref={first}
            autoComplete="off"
            placeholder="ada@example.com"
            {...field("email_address")}
          />
        </label>
        <label>
          <span>
            Phone number <span class="users-hint">· E.164</span>
          </span>
          <input type="tel" autoComplete="off" placeholder="+15555550100" {...field("phone_number")} />
        </label>
        <label>
          Username
          <input autoComplete="off" spellcheck={false} {...field("username")} />
        </label>
        <label>
          First name
          <input autoComplete="off" {...field("first_name")} />
        </label>
        <label>
          Last name
          <input autoComplete="off" {...field("last_name")} />
        </label>
        <label>
          <span>
            Password <span class="users-hint">· 8+ characters, not a breached one</span>
          </span>
          <input type="password" autoComplete="new-password" {...field("password")} />
        </label>
      </div>
      <p class="users-hint users-note">
        Which identifiers are required depends on the instance’s settings; Clerk says which one is missing.
        {form.password && " The password is left out of the CLI line: set $PASSWORD in your shell first."}
      </p>
      <div class="users-submit-row">
        <CliCommand action="users.create" input={input} extra={form.password ? ["--password", '"$PASSWORD"'] : []} />
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" class="primary" disabled={empty || create.isPending}>
          {create.isPending ? "Creating…" : "Create user"}
        </button>
      </div>
    </Form>
  );
}
