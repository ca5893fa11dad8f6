import { describe, expect, test } from "vitest";
import { describeCatalog } from "../../../server/ui/actions";
import { catalog } from "../../../shared/actions/catalog";
import { BESPOKE_VIEWS, VIEWS } from "../table";
import {
  type CatalogEntry,
  genericAreas,
  humanize,
  inSentence,
  panelEntries,
  recordLinks,
  splitId,
  verbLabel,
} from "./panel-entries";

const described = describeCatalog(catalog);
const action = (id: string, positionals: string[] = []): CatalogEntry => ({ id, positionals });

describe("panel entries", () => {
  test("the view table: every action a view shows is in the catalog, and no two views show the same one", () => {
    const ids = new Set<string>(catalog.map((a) => a.id));
    const shownBy = new Map<string, string>();
    for (const view of VIEWS) {
      for (const id of view.actions) {
        expect(ids.has(id), `${view.path} shows ${id}, which is not in the catalog`).toBe(true);
        expect(shownBy.get(id), `${id} is shown by both ${shownBy.get(id)} and ${view.path}`).toBeUndefined();
        shownBy.set(id, view.path);
      }
    }
    expect(new Set(VIEWS.map((view) => view.path)).size).toBe(VIEWS.length);
    expect(VIEWS.filter((view) => "generic" in view).map((view) => view.path)).toEqual(["/more"]);
  });

  test("every catalog action is reachable exactly once: in the view that shows it, else on one generic page", () => {
    const generic = genericAreas(described).flatMap((area) =>
      [area.list, area.detail, area.overview, ...area.records, ...area.forms].map((a) => a?.id),
    );
    for (const { id } of described) {
      const places = [
        ...BESPOKE_VIEWS.filter((view) => view.actions.some((shown) => shown === id)).map((view) => view.path),
      ];
      places.push(...generic.filter((shown) => shown === id).map(() => "/more"));
      expect(places, `${id} is reachable from ${places.join(", ") || "nowhere"}`).toHaveLength(1);
    }
    // Protect's actions are on /protect, not again under /more (its other actions still are).
    const areas = new Map(genericAreas(described).map((area) => [area.id, area]));
    expect(areas.get("protect.rules")?.forms.map((a) => a.id)).toEqual(["protect.rules.get"]);
    expect(areas.get("protect.rules")?.bespoke?.path).toBe("/protect");
  });

  test("the generic screens cover exactly the actions no view shows", () => {
    const entries = panelEntries(described);
    const claimed = new Set<string>(BESPOKE_VIEWS.flatMap((view) => view.actions));
    for (const { id } of described) {
      const entry = entries.get(id);
      expect(entry, `${id} has no panel entry`).toBeDefined();
      if (claimed.has(id)) expect(entry?.view).toBe("bespoke");
      else expect(entry?.path.startsWith(`/more/${splitId(id).area}`), `${id} → ${entry?.path}`).toBe(true);
    }
  });

  test("this branch's areas: sessions is a table with record pages, apps a table and a form", () => {
    const areas = new Map(genericAreas(described).map((area) => [area.id, area]));
    const sessions = areas.get("sessions");
    expect(sessions?.list?.id).toBe("sessions.list");
    expect(sessions?.detail?.id).toBe("sessions.get");
    expect(sessions?.recordField).toBe("session_id");
    expect(sessions?.records.map((a) => a.id)).toEqual(["sessions.revoke", "sessions.refresh"]);
    const apps = areas.get("apps");
    expect(apps?.list?.id).toBe("apps.list");
    expect(apps?.forms.map((a) => a.id)).toEqual(["apps.create", "apps.claim", "apps.rotate-keys", "apps.usage"]);
    // Actions of bespoke areas that their views do not run are still reachable, with a link to the view.
    expect(areas.get("users")?.bespoke?.path).toBe("/users");
    expect(areas.get("users")?.forms.map((a) => a.id)).toContain("users.count");
  });

  test("an action added to the catalog gets a generic entry with no panel code", () => {
    const entries = panelEntries([
      ...described,
      action("widgets.list"),
      action("widgets.get", ["widget_id"]),
      action("widgets.create"),
      action("widgets.update", ["widget_id"]),
      action("widgets.delete", ["widget_id"]),
      action("widgets.parts.list", ["widget_id"]),
      action("vault.get"),
      action("vault.update"),
      action("blocklist.list"),
      action("blocklist.add", ["identifier"]),
      action("blocklist.remove", ["identifier_id"]),
      action("impersonate", ["user_id"]),
      action("impersonate.revoke", ["actor_token_id"]),
      action("billing.subscription.get-user", ["user_id"]),
      action("users.totp.delete", ["user_id"]),
      action("users.count-active"),
    ]);
    const place = (id: string) => {
      const entry = entries.get(id);
      return entry && `${entry.view} ${entry.path}`;
    };
    expect(place("widgets.list")).toBe("list /more/widgets");
    expect(place("widgets.get")).toBe("detail /more/widgets/:widget_id");
    expect(place("widgets.create")).toBe("form /more/widgets");
    expect(place("widgets.update")).toBe("record /more/widgets/:widget_id");
    expect(place("widgets.delete")).toBe("record /more/widgets/:widget_id");
    // A nested list scoped by a parent id is its own area, the parent id a filter.
    expect(place("widgets.parts.list")).toBe("list /more/widgets.parts");
    expect(place("vault.get")).toBe("overview /more/vault");
    expect(place("vault.update")).toBe("form /more/vault");
    // Without `get`, record actions work on the row selected in the list; a value to add is a form.
    expect(place("blocklist.remove")).toBe("record /more/blocklist?selected=:identifier_id");
    expect(place("blocklist.add")).toBe("form /more/blocklist");
    // No list and no get: id-taking actions are forms with the id as a field.
    expect(place("impersonate")).toBe("form /more/impersonate");
    expect(place("impersonate.revoke")).toBe("form /more/impersonate");
    expect(place("billing.subscription.get-user")).toBe("form /more/billing.subscription");
    // New actions beside a bespoke view's stay reachable until the view takes them on.
    expect(place("users.totp.delete")).toBe("form /more/users.totp");
    expect(place("users.count-active")).toBe("form /more/users");
  });

  test("areas are grouped: resources, then a group per word with several areas, then the bespoke views' extras", () => {
    const areas = genericAreas([
      action("sessions.list"),
      action("m2m.machines.list"),
      action("m2m.tokens.create"),
      action("users.count"),
    ]);
    expect(areas.map((a) => [a.group, a.shortLabel])).toEqual([
      ["Resources", "Sessions"],
      ["M2M", "Machines"],
      ["M2M", "Tokens"],
      ["Other actions", "Users"],
    ]);
  });

  test("ids in records link to their pages: bespoke views and generic record pages", () => {
    const links = recordLinks(genericAreas(described));
    expect(links.get("user_id")?.("user_1")).toBe("/users/user_1");
    expect(links.get("organization_id")?.("org_1")).toBe("/orgs/org_1");
    expect(links.get("session_id")?.("sess/1")).toBe("/more/sessions/sess%2F1");
  });

  test("names read as words", () => {
    expect(humanize("jwt-templates")).toBe("JWT templates");
    expect(humanize("m2m.machines")).toBe("M2M machines");
    expect(humanize("LAST ACTIVE")).toBe("Last active");
    expect(humanize("api-keys")).toBe("API keys");
    expect(humanize("user_id")).toBe("User ID");
    expect(verbLabel("m2m.machines.get-secret")).toBe("Get secret");
    expect(verbLabel("impersonate")).toBe("Impersonate");
    expect(inSentence("Sessions")).toBe("sessions");
    expect(inSentence("JWT templates")).toBe("JWT templates");
  });
});
