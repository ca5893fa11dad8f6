import { useEffect, useState } from "preact/hooks";
import type { ActionInput } from "../../../shared/actions/types";
import { CliCommand } from "../../components/cli-command";
import { useRunAction } from "../../components/run-action";
import { queryClient } from "../../query";
import { navigate } from "../../router";
import { DeleteCard, Form } from "../shared/parts";
import { MaxMembershipsField, type Organization, optionalInt, run } from "./common";

export function EditOrganization({ org }: { org: Organization }) {
  const [name, setName] = useState(org.name);
  const [slug, setSlug] = useState(org.slug);
  const [max, setMax] = useState(String(org.max_allowed_memberships));
  // A refetch (or someone else's change) resets the form to what Clerk has.
  useEffect(() => {
    setName(org.name);
    setSlug(org.slug);
    setMax(String(org.max_allowed_memberships));
  }, [org.updated_at, org.id]);

  const maxValue = optionalInt(max);
  const maxInvalid = maxValue !== undefined && Number.isNaN(maxValue);
  const slugInvalid = !/^[a-z0-9-]+$/.test(slug);
  const input: ActionInput<"orgs.update"> = {
    organization_id: org.id,
    ...(name.trim() && name.trim() !== org.name ? { name: name.trim() } : {}),
    ...(slug && slug !== org.slug ? { slug } : {}),
    ...(maxValue !== undefined && !maxInvalid && maxValue !== org.max_allowed_memberships
      ? { max_allowed_memberships: maxValue }
      : {}),
  };
  const changed = Object.keys(input).length > 1;
  const update = useRunAction("orgs.update", {
    success: (updated) => `Saved ${updated.name}`,
    invalidate: [["orgs"]],
    onSuccess: (updated) => {
      // A page opened by slug follows the new slug's organization by id.
      if (location.pathname !== `/orgs/${updated.id}`)
        navigate(`/orgs/${encodeURIComponent(updated.id)}`, { replace: true });
    },
  });

  return (
    <Form
      class="card orgs-form"
      aria-labelledby="org-edit"
      onSubmit={() => {
        if (changed && !maxInvalid && !slugInvalid && name.trim()) run(update, { input });
      }}
    >
      <h2 id="org-edit">Settings</h2>
      <label>
        Name
        <input required value={name} onInput={(event) => setName((event.target as HTMLInputElement).value)} />
      </label>
      <label>
        Slug
        <input
          required
          value={slug}
          pattern="[a-z0-9-]+"
          aria-invalid={slugInvalid}
          onInput={(event) => setSlug((event.target as HTMLInputElement).value)}
        />
      </label>
      <MaxMembershipsField
        value={max}
        invalid={maxInvalid}
        onInput={setMax}
        hint="0 = unlimited. Pending invitations count against it."
      />
      <div class="orgs-submit-row">
        {changed ? (
          <CliCommand action="orgs.update" input={input} />
        ) : (
          <span class="muted orgs-grow">No changes yet.</span>
        )}
        <button type="submit" class="primary" disabled={!changed || maxInvalid || slugInvalid || update.isPending}>
          {update.isPending ? "Saving…" : "Save changes"}
        </button>
      </div>
    </Form>
  );
}

export function DangerZone({ org }: { org: Organization }) {
  const remove = useRunAction("orgs.delete", {
    success: () => `Deleted ${org.name}`,
    invalidate: [["orgs", "list"]],
    onSuccess: () => {
      navigate("/orgs");
      // Once this page is gone, forget the deleted organization (by id and by slug).
      setTimeout(() => queryClient.removeQueries({ queryKey: ["orgs", "get"] }), 0);
    },
  });
  const input = { organization_id: org.id };
  return (
    <DeleteCard
      noun="organization"
      sectionClass="orgs-danger"
      submitRowClass="orgs-submit-row"
      dialogTextClass="orgs-dialog-text"
      headingId="org-danger"
      summary={`Deletes ${org.name} with all its memberships and invitations. Users themselves are kept. This cannot be undone.`}
      dialogText={`${org.name} (${org.slug}) and its memberships and invitations are deleted for good. Members keep their user accounts.`}
      action="orgs.delete"
      input={input}
      runner={remove}
    />
  );
}
