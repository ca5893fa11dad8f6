/**
 * Where every catalog action lives in the panel. The view table (../table.ts) says which actions
 * the bespoke views show; every other action is reached through the generic screens, laid out
 * from the catalog alone, so an action added to the catalog appears in the panel with no panel
 * code. Pure: the catalog test and the e2e walk use it too.
 */
import { BESPOKE_VIEWS, GENERIC_ROOT, type ViewEntry } from "../table";

/** The parts of a described action (`GET /api/catalog`) the layout depends on. */
export interface CatalogEntry {
  id: string;
  positionals: readonly string[];
}

/** How an action appears on its area's generic screen. */
export type EntryKind =
  /** `<area>.list`: the area's table, its other inputs as filters. */
  | "list"
  /** `<area>.get <id>`: the page of one record (`/more/<area>/<id>`). */
  | "detail"
  /** `<area>.get` without positionals: the area's document, shown on its page. */
  | "overview"
  /** Takes the record's id first: an action on the record page (or the selected row). */
  | "record"
  /** Anything else: a form on the area's page, generated from its input fields. */
  | "form";

export interface Area<A extends CatalogEntry = CatalogEntry> {
  /** The action ids' prefix: `sessions`, `m2m.machines`. */
  id: string;
  label: string;
  /** The sidebar's heading for it, and its name under that heading. */
  group: string;
  shortLabel: string;
  path: string;
  list?: A;
  detail?: A;
  overview?: A;
  /** The positional naming one record (`session_id`), when the area has records. */
  recordField?: string;
  records: A[];
  forms: A[];
  /** The bespoke view that covers this area's other actions. */
  bespoke?: ViewEntry;
}

export type PanelEntry =
  | { action: string; view: "bespoke"; path: string }
  | { action: string; view: EntryKind; area: string; path: string };

const ACRONYMS: Record<string, string> = {
  api: "API",
  cli: "CLI",
  hibp: "HIBP",
  id: "ID",
  ids: "IDs",
  json: "JSON",
  jwks: "JWKS",
  jwt: "JWT",
  m2m: "M2M",
  mfa: "MFA",
  oauth: "OAuth",
  saml: "SAML",
  scim: "SCIM",
  sso: "SSO",
  totp: "TOTP",
  url: "URL",
  urls: "URLs",
};

/** `jwt-templates` → "JWT templates", `m2m.machines` → "M2M machines", `LAST ACTIVE` → "Last active". */
export function humanize(words: string): string {
  const parts = words
    .split(/[-_.\s]+/)
    .filter(Boolean)
    .map((word) => ACRONYMS[word.toLowerCase()] ?? word.toLowerCase());
  const text = parts.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A label inside a sentence: "Sessions" → "sessions", but "JWT templates" keeps its acronym. */
export const inSentence = (label: string) =>
  /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;

/** `m2m.machines.get-secret` → area `m2m.machines`, verb `get-secret`; a one-word id is its own area. */
export function splitId(id: string): { area: string; verb: string } {
  const dot = id.lastIndexOf(".");
  return dot < 0 ? { area: id, verb: "" } : { area: id.slice(0, dot), verb: id.slice(dot + 1) };
}

/** The button and heading for an action: "Revoke", "Get secret"; a one-word action is named by itself. */
export function verbLabel(id: string): string {
  const { area, verb } = splitId(id);
  return humanize(verb || area);
}

/** `<area>.update`: its form starts from the record's current values. */
export const isUpdate = (action: CatalogEntry) => splitId(action.id).verb === "update";

/** An action's output as a record (its fields by name), when it is one. */
export const asRecord = (output: unknown): Record<string, unknown> | undefined =>
  output && typeof output === "object" && !Array.isArray(output) ? (output as Record<string, unknown>) : undefined;

const isIdField = (name: string | undefined) => name !== undefined && (name === "id" || name.endsWith("_id"));

function bespokeCovering(word: string): ViewEntry | undefined {
  return BESPOKE_VIEWS.find((view) => view.actions.some((id) => id.split(".")[0] === word));
}

/** The positional naming a record: `get`'s, else the `…_id` most of the area's actions take first. */
function recordFieldOf<A extends CatalogEntry>(actions: A[], detail: A | undefined, list: A | undefined) {
  if (detail) return detail.positionals[0];
  if (!list) return undefined;
  const counts = new Map<string, number>();
  for (const action of actions) {
    const first = action.positionals[0];
    if (action !== list && isIdField(first) && !list.positionals.includes(first as string)) {
      counts.set(first as string, (counts.get(first as string) ?? 0) + 1);
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

const bespokeIds = () => new Set<string>(BESPOKE_VIEWS.flatMap((view) => view.actions));

/** The generic screens: one area per action-id prefix that has an action no bespoke view runs. */
export function genericAreas<A extends CatalogEntry>(catalog: readonly A[]): Area<A>[] {
  const claimed = bespokeIds();
  const byArea = new Map<string, A[]>();
  for (const action of catalog) {
    if (claimed.has(action.id)) continue;
    const { area } = splitId(action.id);
    byArea.set(area, [...(byArea.get(area) ?? []), action]);
  }
  const areasPerWord = new Map<string, number>();
  for (const id of byArea.keys()) {
    const word = id.split(".")[0] as string;
    areasPerWord.set(word, (areasPerWord.get(word) ?? 0) + 1);
  }

  const areas = [...byArea.entries()].map(([id, actions]): Area<A> => {
    const verb = (action: A) => splitId(action.id).verb;
    const list = actions.find((action) => verb(action) === "list");
    const detail = actions.find((action) => verb(action) === "get" && action.positionals.length === 1);
    const overview = actions.find((action) => verb(action) === "get" && action.positionals.length === 0);
    const recordField = recordFieldOf(actions, detail, list);
    const records = recordField
      ? actions.filter((action) => action !== detail && action !== list && action.positionals[0] === recordField)
      : [];
    const forms = actions.filter(
      (action) => action !== list && action !== detail && action !== overview && !records.includes(action),
    );
    const word = id.split(".")[0] as string;
    const bespoke = bespokeCovering(word);
    const grouped = !bespoke && (areasPerWord.get(word) ?? 0) > 1;
    const group = bespoke ? "Other actions" : grouped ? humanize(word) : "Resources";
    return {
      id,
      label: humanize(id),
      group,
      shortLabel: grouped && id !== word ? humanize(id.slice(word.length + 1)) : humanize(id),
      path: `${GENERIC_ROOT}/${id}`,
      ...(list ? { list } : {}),
      ...(detail ? { detail } : {}),
      ...(overview ? { overview } : {}),
      ...(recordField ? { recordField } : {}),
      records,
      forms,
      ...(bespoke ? { bespoke } : {}),
    };
  });
  const groupRank = (area: Area<A>) => (area.group === "Resources" ? 0 : area.bespoke ? 2 : 1);
  return areas.sort(
    (a, b) => groupRank(a) - groupRank(b) || a.group.localeCompare(b.group) || a.id.localeCompare(b.id),
  );
}

/** The URL of a record's page, or of its area with the row selected when the area has no `get`. */
export function recordPath(area: Area, recordId: string): string {
  const id = encodeURIComponent(recordId);
  return area.detail ? `${area.path}/${id}` : `${area.path}?selected=${id}`;
}

/** Record pages by the input naming the record (`user_id` → `/users/<id>`), so ids in records become links. */
export function recordLinks(areas: readonly Area[]): Map<string, (id: string) => string> {
  const links = new Map<string, (id: string) => string>();
  for (const view of BESPOKE_VIEWS) {
    if (view.recordField) links.set(view.recordField, (id) => `${view.path}/${encodeURIComponent(id)}`);
  }
  for (const area of areas) {
    if (area.detail && area.recordField && !links.has(area.recordField)) {
      links.set(area.recordField, (id) => recordPath(area, id));
    }
  }
  return links;
}

/** Every catalog action's place in the panel, by action id: a bespoke view, or part of a generic screen. */
export function panelEntries(catalog: readonly CatalogEntry[]): Map<string, PanelEntry> {
  const entries = new Map<string, PanelEntry>();
  for (const view of BESPOKE_VIEWS) {
    for (const id of view.actions) entries.set(id, { action: id, view: "bespoke", path: view.path });
  }
  for (const area of genericAreas(catalog)) {
    const field = `:${area.recordField}`;
    const record = area.detail ? `${area.path}/${field}` : `${area.path}?selected=${field}`;
    const place = (action: CatalogEntry, view: EntryKind, path: string) =>
      entries.set(action.id, { action: action.id, view, area: area.id, path });
    if (area.list) place(area.list, "list", area.path);
    if (area.detail) place(area.detail, "detail", record);
    if (area.overview) place(area.overview, "overview", area.path);
    for (const action of area.records) place(action, "record", record);
    for (const action of area.forms) place(action, "form", area.path);
  }
  return entries;
}
