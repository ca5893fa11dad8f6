import { keepPreviousData } from "@tanstack/query-core";
import { useEffect, useRef, useState } from "preact/hooks";
import type { ActionInput } from "../../../shared/actions/types";
import { callAction } from "../../api";
import { CliCommand } from "../../components/cli-command";
import { CopyId } from "../../components/copy";
import { type Column, DataTable } from "../../components/data-table";
import { closesOnEscape } from "../../components/keys";
import { useRunAction } from "../../components/run-action";
import { EmptyState, ErrorState } from "../../components/states";
import { useQuery } from "../../query";
import { navigate, useLocation } from "../../router";
import { formatDate, limitParam, offsetParam, setParams } from "../shared/common";
import { EmptyPage, Form, ListHeader, PageSize, Pages, useSearchText } from "../shared/parts";
import { MaxMembershipsField, type Organization, type PickedUser, run, UserPicker } from "./common";

const PAGE_SIZES = [10, 20, 50];
const SORTS = ["name", "created_at", "members_count"];

const orgPath = (org: Organization) => `/orgs/${encodeURIComponent(org.id)}`;

const columns: Column<Organization>[] = [
  {
    key: "name",
    header: "Name",
    sort: "name",
    render: (org) => (
      <span class="orgs-name">
        <span class="orgs-avatar" aria-hidden="true">
          {org.name.slice(0, 1).toUpperCase()}
        </span>
        <a href={orgPath(org)}>
          <strong>{org.name}</strong>
        </a>
      </span>
    ),
  },
  { key: "slug", header: "Slug", render: (org) => <span class="mono muted">{org.slug}</span> },
  { key: "id", header: "ID", render: (org) => <CopyId id={org.id} /> },
  {
    key: "members",
    header: "Members",
    sort: "members_count",
    render: (org) => (
      <span class="orgs-count">
        {org.members_count ?? "—"}
        {org.max_allowed_memberships > 0 && <span class="muted"> / {org.max_allowed_memberships}</span>}
      </span>
    ),
  },
  { key: "created", header: "Created", sort: "created_at", render: (org) => formatDate(org.created_at) },
];

/** `/orgs`: search as you type, sortable columns, pages; every filter lives in the URL. */
export function OrgList() {
  const { query } = useLocation();
  const q = query.get("q") ?? "";
  const requestedSort = query.get("order_by") ?? "";
  const orderBy = SORTS.includes(requestedSort.replace(/^[+-]/, "")) ? requestedSort : "-created_at";
  const limit = limitParam(query.get("limit"), PAGE_SIZES, 20);
  const offset = offsetParam(query.get("offset"));
  const creating = query.get("new") === "1";

  const [text, setText] = useSearchText("q", q);

  const input = { ...(q ? { query: q } : {}), order_by: orderBy, limit, offset };
  const list = useQuery({
    queryKey: ["orgs", "list", input],
    // The signal cancels the request a newer keystroke (or leaving the page) supersedes.
    queryFn: ({ signal }) => callAction("orgs.list", input, { signal }),
    placeholderData: keepPreviousData,
  });
  const total = list.data?.total_count ?? 0;
  const rows = list.data?.data;

  return (
    <section class="orgs-page" aria-labelledby="orgs-title">
      <ListHeader
        id="orgs-title"
        title="Organizations"
        total={list.data && total}
        matching={Boolean(q)}
        totalTestId="orgs-total"
        creating={creating}
        newLabel="New organization"
      />

      {creating && <CreateOrganization onCancel={() => setParams({ new: undefined })} />}

      <div class="toolbar">
        <label>
          Search
          <input
            type="search"
            data-search
            value={text}
            placeholder="Name, slug or id — press / to focus"
            aria-describedby="orgs-search-status"
            onInput={(event) => setText((event.target as HTMLInputElement).value)}
          />
        </label>
        <PageSize limit={limit} sizes={PAGE_SIZES} />
        <span id="orgs-search-status" class="muted orgs-status" aria-live="polite">
          {list.isFetching && list.data ? "Loading…" : ""}
        </span>
      </div>

      {list.error && !list.data ? (
        <ErrorState error={list.error} retry={() => void list.refetch()} />
      ) : rows && rows.length === 0 ? (
        q ? (
          <EmptyState title={`No organization matches “${q}”.`}>
            Search looks at names, slugs and ids.{" "}
            <button type="button" class="link-button" onClick={() => setText("")}>
              Clear the search
            </button>
          </EmptyState>
        ) : offset > 0 ? (
          <EmptyPage />
        ) : (
          <EmptyState title="No organizations yet.">
            Create the first one with “New organization”, or run <code>clerk orgs create --name …</code>.
          </EmptyState>
        )
      ) : (
        <>
          <DataTable
            label="Organizations"
            rows={rows}
            columns={columns}
            rowKey={(org) => org.id}
            loading={list.isPending}
            orderBy={orderBy}
            onSort={(next) => setParams({ order_by: next, offset: undefined })}
            href={orgPath}
          />
          {list.data && <Pages offset={offset} limit={limit} total={total} />}
        </>
      )}
    </section>
  );
}

/** The "New organization" form; lands on the new organization's page. */
function CreateOrganization({ onCancel }: { onCancel(): void }) {
  const [name, setName] = useState("");
  const nameInput = useRef<HTMLInputElement>(null);
  // The form opens on request (the "New organization" button): start with its first field.
  useEffect(() => nameInput.current?.focus(), []);
  const [slug, setSlug] = useState("");
  const [creator, setCreator] = useState<PickedUser | null>(null);
  const [max, setMax] = useState("");
  const maxValue = max.trim() === "" ? undefined : Number(max);
  const maxInvalid = maxValue !== undefined && !(Number.isInteger(maxValue) && maxValue >= 0);
  const slugInvalid = slug !== "" && !/^[a-z0-9-]+$/.test(slug);
  const input: ActionInput<"orgs.create"> = {
    name: name.trim(),
    ...(slug ? { slug } : {}),
    ...(creator ? { created_by: creator.id } : {}),
    ...(maxValue !== undefined && !maxInvalid ? { max_allowed_memberships: maxValue } : {}),
  };
  const create = useRunAction("orgs.create", {
    success: (org) => `Created ${org.name} (${org.slug})`,
    invalidate: [["orgs", "list"]],
    onSuccess: (org) => navigate(orgPath(org)),
  });

  return (
    <Form
      class="card orgs-form"
      onKeyDown={closesOnEscape(onCancel)}
      aria-labelledby="orgs-create-title"
      onSubmit={() => {
        if (!name.trim() || maxInvalid || slugInvalid) return;
        run(create, { input });
      }}
    >
      <h2 id="orgs-create-title">New organization</h2>
      <div class="orgs-form-grid">
        <label>
          Name
          <input
            required
            value={name}
            ref={nameInput}
            data-testid="org-create-name"
            onInput={(event) => setName((event.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          Slug
          <input
            value={slug}
            pattern="[a-z0-9-]+"
            aria-invalid={slugInvalid}
            placeholder="acme-inc"
            onInput={(event) => setSlug((event.target as HTMLInputElement).value)}
          />
          <span class="orgs-hint">Optional; derived from the name.</span>
        </label>
        <UserPicker
          label="Created by"
          hint="Optional; joins as its admin."
          value={creator}
          onChange={setCreator}
          busy={create.isPending}
        />
        <MaxMembershipsField
          value={max}
          invalid={maxInvalid}
          onInput={setMax}
          placeholder="instance default"
          hint="Optional; 0 = unlimited."
        />
      </div>
      <div class="orgs-submit-row">
        <CliCommand action="orgs.create" input={input} />
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" class="primary" disabled={!name.trim() || maxInvalid || slugInvalid || create.isPending}>
          {create.isPending ? "Creating…" : "Create organization"}
        </button>
      </div>
    </Form>
  );
}
