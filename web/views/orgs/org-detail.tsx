import { keepPreviousData } from "@tanstack/query-core";
import { callAction } from "../../api";
import { CopyButton, CopyId } from "../../components/copy";
import { JsonView } from "../../components/json-view";
import { useQuery } from "../../query";
import { useLocation } from "../../router";
import { formatDate, offsetParam, retryServerErrors } from "../shared/common";
import { RecordPending, SkeletonCard } from "../shared/parts";
import type { Organization } from "./common";
import { Invitations } from "./org-invitations";
import { MEMBERS_PAGE, Members } from "./org-members";
import { DangerZone, EditOrganization } from "./org-settings";

/** `/orgs/:organization_id` (an id or a slug). */
export function OrgDetail({ organizationId }: { organizationId: string }) {
  const org = useQuery({
    queryKey: ["orgs", "get", organizationId],
    queryFn: ({ signal }) => callAction("orgs.get", { organization_id: organizationId }, { signal }),
    retry: retryServerErrors,
  });
  if (!org.data) {
    return (
      <RecordPending
        result={org}
        pageClass="orgs-page"
        back={<BackLink />}
        record={{ noun: "organization", id: organizationId }}
        list={{ href: "/orgs", label: "organizations" }}
        skeleton={
          <>
            <SkeletonCard lines={2} />
            <SkeletonCard lines={6} />
          </>
        }
      />
    );
  }
  return <OrgPage org={org.data} />;
}

function BackLink() {
  return (
    <a href="/orgs" class="orgs-back">
      ← Organizations
    </a>
  );
}

function OrgPage({ org }: { org: Organization }) {
  const { query } = useLocation();
  const membersOffset = offsetParam(query.get("members_offset"));
  const membersInput = { organization_id: org.id, limit: MEMBERS_PAGE, offset: membersOffset };
  const members = useQuery({
    queryKey: ["orgs", "members", org.id, membersOffset],
    queryFn: ({ signal }) => callAction("orgs.members.list", membersInput, { signal }),
    placeholderData: keepPreviousData,
  });
  const membersCount = members.data?.total_count ?? org.members_count;

  return (
    <section class="orgs-page" aria-labelledby="org-title">
      <BackLink />
      <div class="page-header orgs-detail-header">
        <span class="orgs-avatar orgs-avatar-lg" aria-hidden="true">
          {org.name.slice(0, 1).toUpperCase()}
        </span>
        <div class="orgs-title">
          <h1 id="org-title" data-testid="org-name">
            {org.name}
          </h1>
          <div class="orgs-subtitle">
            <span class="mono muted">{org.slug}</span>
            <CopyId id={org.id} />
          </div>
        </div>
      </div>

      <div class="grid-2">
        <Overview org={org} membersCount={membersCount} />
        <EditOrganization org={org} />
      </div>

      <Members org={org} members={members} input={membersInput} />
      <Invitations org={org} />
      <DangerZone org={org} />
    </section>
  );
}

function Overview({ org, membersCount }: { org: Organization; membersCount: number | undefined }) {
  const limit = org.max_allowed_memberships;
  return (
    <section class="card" aria-labelledby="org-overview">
      <h2 id="org-overview">Overview</h2>
      <dl class="fields">
        <dt>ID</dt>
        <dd>
          <CopyId id={org.id} />
        </dd>
        <dt>Name</dt>
        <dd>{org.name}</dd>
        <dt>Slug</dt>
        <dd>
          <CopyId id={org.slug} />
        </dd>
        <dt>Members</dt>
        <dd data-testid="org-members-count">
          {membersCount ?? "…"}
          {limit > 0 && <span class="muted"> of {limit} allowed</span>}
        </dd>
        {org.pending_invitations_count !== undefined && (
          <>
            <dt>Pending invitations</dt>
            <dd>{org.pending_invitations_count}</dd>
          </>
        )}
        <dt>Max memberships</dt>
        <dd>{limit > 0 ? limit : "Unlimited"}</dd>
        <dt>Admins can delete</dt>
        <dd>{org.admin_delete_enabled ? "Yes" : "No"}</dd>
        {org.created_by && (
          <>
            <dt>Created by</dt>
            <dd>
              <a href={`/users/${encodeURIComponent(org.created_by)}`} class="mono">
                {org.created_by}
              </a>
              <CopyButton text={org.created_by} label={`Copy ${org.created_by}`} />
            </dd>
          </>
        )}
        <dt>Created</dt>
        <dd>{formatDate(org.created_at, true)}</dd>
        <dt>Updated</dt>
        <dd>{formatDate(org.updated_at, true)}</dd>
      </dl>
      <div class="orgs-metadata">
        <h3>Public metadata</h3>
        <pre class="orgs-pre" data-testid="org-public-metadata">
          {JSON.stringify(org.public_metadata ?? {}, null, 2)}
        </pre>
        {org.private_metadata !== undefined && (
          <>
            <h3>Private metadata</h3>
            <pre class="orgs-pre">{JSON.stringify(org.private_metadata ?? {}, null, 2)}</pre>
          </>
        )}
      </div>
      <JsonView
        value={org}
        label="Organization JSON (as --json)"
        command={{ action: "orgs.get", input: { organization_id: org.id } }}
      />
    </section>
  );
}
