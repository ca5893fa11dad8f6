import { createHash } from "node:crypto";
import type { SandboxContext } from "../../core/context";

export interface RuleRow {
  id: string;
  instance_id: string;
  ruleset: string;
  position: number;
  expression: string;
  action: string;
  description: string;
  created_at: number;
  updated_at: number;
}

export type RuleContent = Pick<RuleRow, "expression" | "action" | "description">;

export function serializeRule(row: RuleRow) {
  return {
    id: row.id,
    expression: row.expression,
    action: row.action,
    description: row.description,
    position: row.position,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** A ruleset's rules in evaluation order. */
export function rulesOf(sb: SandboxContext, instanceId: string, ruleset: string): RuleRow[] {
  return sb
    .stmt("SELECT * FROM protect_rules WHERE instance_id = ? AND ruleset = ? ORDER BY position, id")
    .all(instanceId, ruleset) as RuleRow[];
}

/**
 * The ruleset's version as an ETag: a digest of every rule's content and place, so any write
 * (add, edit, delete, reorder, flush) changes it and a write that changes nothing does not.
 */
export function etagOf(rows: readonly RuleRow[]): string {
  const digest = createHash("sha256");
  for (const row of rows) {
    digest.update(JSON.stringify([row.id, row.position, row.expression, row.action, row.description, row.updated_at]));
  }
  return `"${digest.digest("base64url").slice(0, 22)}"`;
}

/** Writes the positions of `ordered` (0, 1, 2, …) where they changed. */
function renumber(sb: SandboxContext, ordered: RuleRow[]): void {
  const update = sb.stmt("UPDATE protect_rules SET position = ? WHERE id = ?");
  ordered.forEach((row, index) => {
    if (row.position !== index) {
      update.run(index, row.id);
      row.position = index;
    }
  });
}

/** Inserts a rule at `position` (default: last); later rules move down one place. */
export function insertRule(
  sb: SandboxContext,
  instanceId: string,
  ruleset: string,
  content: RuleContent,
  position: number | undefined,
): RuleRow {
  const rows = rulesOf(sb, instanceId, ruleset);
  const now = sb.clock.now();
  const row: RuleRow = {
    id: sb.newId("rule"),
    instance_id: instanceId,
    ruleset,
    position: position ?? rows.length,
    ...content,
    created_at: now,
    updated_at: now,
  };
  sb.stmt(
    `INSERT INTO protect_rules (id, instance_id, ruleset, position, expression, action, description, created_at, updated_at)
     VALUES (@id, @instance_id, @ruleset, @position, @expression, @action, @description, @created_at, @updated_at)`,
  ).run(row);
  rows.splice(row.position, 0, row);
  renumber(sb, rows);
  return row;
}

/** Changes the given fields of a rule; a new `position` moves it there. */
export function updateRule(
  sb: SandboxContext,
  rows: RuleRow[],
  row: RuleRow,
  patch: Partial<RuleContent> & { position?: number | undefined },
): RuleRow {
  const { position, ...content } = patch;
  const updated: RuleRow = { ...row, ...content, updated_at: sb.clock.now() };
  sb.stmt(
    "UPDATE protect_rules SET expression = @expression, action = @action, description = @description, updated_at = @updated_at WHERE id = @id",
  ).run(updated);
  if (position !== undefined && position !== row.position) {
    const ordered = rows.filter((r) => r.id !== row.id);
    ordered.splice(position, 0, updated);
    renumber(sb, ordered);
  }
  return updated;
}

export function deleteRule(sb: SandboxContext, rows: RuleRow[], row: RuleRow): void {
  sb.stmt("DELETE FROM protect_rules WHERE id = ?").run(row.id);
  renumber(
    sb,
    rows.filter((r) => r.id !== row.id),
  );
}

export function flushRuleset(sb: SandboxContext, instanceId: string, ruleset: string): number {
  return sb.stmt("DELETE FROM protect_rules WHERE instance_id = ? AND ruleset = ?").run(instanceId, ruleset).changes;
}

/** Puts the rules in the order of `ids` (a permutation of the ruleset's rule ids). */
export function reorderRules(sb: SandboxContext, rows: RuleRow[], ids: readonly string[]): RuleRow[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const ordered = ids.map((id) => byId.get(id) as RuleRow);
  renumber(sb, ordered);
  return ordered;
}
