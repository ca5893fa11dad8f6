import { useEffect, useLayoutEffect, useState } from "preact/hooks";
import type { ActionInput } from "../../../shared/actions/types";
import { callAction, PanelApiError } from "../../api";
import { CliCommand } from "../../components/cli-command";
import { ConfirmDialog } from "../../components/confirm";
import { CopyId } from "../../components/copy";
import { useRunAction } from "../../components/run-action";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { toast } from "../../components/toasts";
import { useMutation } from "../../query";
import { actionBadgeClass, type ProtectRule, type RuleList, type Ruleset, refreshRules, useRules } from "./common";
import { EditRule } from "./rule-form";

/** `ids` with the rule at `from` moved to `to`. */
function moved(ids: readonly string[], from: number, to: number): string[] {
  const next = [...ids];
  const [id] = next.splice(from, 1);
  next.splice(to, 0, id as string);
  return next;
}

const sameOrder = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, i) => id === b[i]);

/**
 * A ruleset as an ordered list. Rules move by drag and drop, or from the keyboard: the handle
 * picks a rule up (space or enter), the arrow keys carry it, space or enter puts it down, esc
 * puts it back. The new order is saved with the ETag of the list it was made from, so a
 * ruleset someone changed meanwhile is reloaded instead of overwritten.
 */
export function RuleListCard({ ruleset }: { ruleset: Ruleset }) {
  const list = useRules(ruleset);
  if (list.error && !list.data) return <ErrorState error={list.error} retry={() => void list.refetch()} />;
  if (!list.data) {
    return (
      <div class="card">
        <Skeleton lines={4} />
      </div>
    );
  }
  return <Rules key={ruleset} ruleset={ruleset} list={list.data} />;
}

function Rules({ ruleset, list }: { ruleset: Ruleset; list: RuleList }) {
  const saved = list.rules.map((rule) => rule.id);
  const [order, setOrder] = useState<string[]>(saved);
  const [held, setHeld] = useState<{ id: string; from: string[] } | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [conflict, setConflict] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<ProtectRule | null>(null);
  const [flushing, setFlushing] = useState(false);

  // A reload (after a save, a conflict, someone else's change) shows what the server has.
  const savedKey = `${list.etag}|${saved.join(",")}`;
  useEffect(() => {
    setOrder(saved);
    setHeld(null);
  }, [savedKey]);

  const byId = new Map(list.rules.map((rule) => [rule.id, rule]));
  const rules = order.flatMap((id) => byId.get(id) ?? []);
  const dirty = !sameOrder(order, saved);
  const reorderInput = { ruleset, order: order.join(","), ...(list.etag ? { if_match: list.etag } : {}) };

  const save = useMutation<RuleList, ActionInput<"protect.rules.reorder">>({
    mutationFn: (input) => callAction("protect.rules.reorder", input),
    onSuccess: async () => {
      setConflict(false);
      toast.success(`Saved the new order of ${ruleset}`);
      await refreshRules(ruleset);
    },
    onError: async (error) => {
      if (error instanceof PanelApiError && error.code === "ruleset_conflict") {
        setConflict(true);
        await refreshRules(ruleset);
      } else toast.error(error);
    },
  });
  const remove = useRunAction("protect.rules.delete", {
    success: (output) => `Deleted rule ${output.id}`,
    onSuccess: () => {
      setDeleting(null);
      void refreshRules(ruleset);
    },
  });
  const flush = useRunAction("protect.rules.flush", {
    success: (output) => `Deleted ${output.deleted_count} rule(s) from ${ruleset}`,
    onSuccess: () => {
      setFlushing(false);
      void refreshRules(ruleset);
    },
  });

  // A moved row is re-inserted in the DOM, which drops focus: put it back on its handle before the next key.
  useLayoutEffect(() => {
    if (held) document.querySelector<HTMLButtonElement>(`[data-handle="${held.id}"]`)?.focus();
  }, [order, held?.id]);

  const position = (id: string) => order.indexOf(id);
  const onHandleKey = (event: KeyboardEvent, rule: ProtectRule) => {
    const index = position(rule.id);
    if (event.key === " " || event.key === "Enter") {
      event.preventDefault();
      if (held?.id === rule.id) {
        setHeld(null);
        setAnnouncement(`Rule put down at position ${index}.${dirty ? " Save the order to apply it." : ""}`);
      } else {
        setHeld({ id: rule.id, from: order });
        setAnnouncement(
          `Picked up the rule at position ${index}. Arrow keys move it, space puts it down, escape cancels.`,
        );
      }
    } else if ((event.key === "ArrowUp" || event.key === "ArrowDown") && held?.id === rule.id) {
      event.preventDefault();
      const to = index + (event.key === "ArrowUp" ? -1 : 1);
      if (to < 0 || to >= order.length) return;
      setOrder(moved(order, index, to));
      setAnnouncement(`Moved to position ${to}.`);
    } else if (event.key === "Escape" && held?.id === rule.id) {
      event.preventDefault();
      event.stopPropagation();
      setOrder(held.from);
      setHeld(null);
      setAnnouncement("Move cancelled.");
    }
  };

  return (
    <section class="card protect-rules" aria-labelledby="protect-rules-title">
      <div class="protect-rules-header">
        <h2 id="protect-rules-title">
          {ruleset} rules <span class="muted">({list.rules.length})</span>
        </h2>
        <span class="muted protect-grow">Evaluated top to bottom; the first rule that matches decides.</span>
        {list.rules.length > 0 && (
          <button type="button" class="protect-danger-button protect-flush" onClick={() => setFlushing(true)}>
            Delete all…
          </button>
        )}
      </div>
      {conflict && (
        <div class="protect-conflict" role="alert" data-testid="reorder-conflict">
          <strong>Someone changed the {ruleset} rules since this list was loaded, so your order was not saved.</strong>
          <span>The list now shows the current rules: move them again and save.</span>
          <button type="button" class="link-button" onClick={() => setConflict(false)}>
            Dismiss
          </button>
        </div>
      )}
      <div class="protect-sr" aria-live="assertive">
        {announcement}
      </div>
      {rules.length === 0 ? (
        <EmptyState title={`No rules in ${ruleset} yet.`}>
          Every attempt is let through. Add a rule, or describe one in words.
        </EmptyState>
      ) : (
        <ol class="protect-rule-list" aria-label={`${ruleset} rules in evaluation order`}>
          {rules.map((rule, index) => (
            <li
              key={rule.id}
              class={[
                "protect-rule",
                held?.id === rule.id ? "protect-rule-held" : "",
                dragging === rule.id ? "protect-rule-dragging" : "",
                over === rule.id && dragging !== rule.id ? "protect-rule-over" : "",
              ].join(" ")}
              data-testid="rule-row"
              data-rule-id={rule.id}
              draggable={editing !== rule.id}
              onDragStart={(event) => {
                event.dataTransfer?.setData("text/plain", rule.id);
                if (event.dataTransfer) event.dataTransfer.effectAllowed = "move";
                setDragging(rule.id);
              }}
              onDragEnter={() => setOver(rule.id)}
              onDragOver={(event) => {
                event.preventDefault();
                if (event.dataTransfer) event.dataTransfer.dropEffect = "move";
              }}
              onDrop={(event) => {
                event.preventDefault();
                const id = event.dataTransfer?.getData("text/plain") || dragging;
                if (id && id !== rule.id) setOrder(moved(order, position(id), index));
                setDragging(null);
                setOver(null);
              }}
              onDragEnd={() => {
                setDragging(null);
                setOver(null);
              }}
            >
              {editing === rule.id ? (
                <EditRule ruleset={ruleset} rule={rule} onDone={() => setEditing(null)} />
              ) : (
                <div class="protect-rule-body">
                  <button
                    type="button"
                    class="protect-handle"
                    data-handle={rule.id}
                    aria-pressed={held?.id === rule.id}
                    aria-label={`Move rule ${index}: ${rule.description || rule.expression}`}
                    title="Drag, or press space and use the arrow keys"
                    onKeyDown={(event) => onHandleKey(event, rule)}
                  >
                    ⠿
                  </button>
                  <span class="protect-position" aria-hidden="true">
                    {index}
                  </span>
                  <span class={actionBadgeClass(rule.action)}>{rule.action}</span>
                  <div class="protect-rule-text">
                    <code class="protect-rule-expression">{rule.expression}</code>
                    <span class="muted">
                      {rule.description || "No description"} · <CopyId id={rule.id} />
                    </span>
                  </div>
                  <div class="protect-rule-actions">
                    <button type="button" onClick={() => setEditing(rule.id)}>
                      Edit
                    </button>
                    <button type="button" class="protect-danger-button" onClick={() => setDeleting(rule)}>
                      Delete
                    </button>
                  </div>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      {dirty && (
        <div class="protect-save-bar" data-testid="order-bar">
          <strong>The order changed; it is not saved yet.</strong>
          <CliCommand action="protect.rules.reorder" input={reorderInput} />
          <div class="protect-actions">
            <button
              type="button"
              onClick={() => {
                setOrder(saved);
                setHeld(null);
              }}
            >
              Reset
            </button>
            <button type="button" class="primary" disabled={save.isPending} onClick={() => save.mutate(reorderInput)}>
              {save.isPending ? "Saving…" : "Save order"}
            </button>
          </div>
        </div>
      )}
      {deleting && (
        <ConfirmDialog
          title="Delete this rule?"
          expected={deleting.id}
          confirmLabel="Delete rule"
          busy={remove.isPending}
          onCancel={() => setDeleting(null)}
          onConfirm={() => remove.mutate({ input: { ruleset, rule_id: deleting.id }, confirm: deleting.id })}
        >
          <p>
            <span class={actionBadgeClass(deleting.action)}>{deleting.action}</span> <code>{deleting.expression}</code>
          </p>
          <CliCommand action="protect.rules.delete" input={{ ruleset, rule_id: deleting.id }} />
        </ConfirmDialog>
      )}
      {flushing && (
        <ConfirmDialog
          title={`Delete all ${list.rules.length} rules of ${ruleset}?`}
          expected={ruleset}
          confirmLabel="Delete all rules"
          busy={flush.isPending}
          onCancel={() => setFlushing(false)}
          onConfirm={() => flush.mutate({ input: { ruleset }, confirm: ruleset })}
        >
          <p>Every {ruleset} attempt will be let through until new rules are added. This cannot be undone.</p>
          <CliCommand action="protect.rules.flush" input={{ ruleset }} />
        </ConfirmDialog>
      )}
    </section>
  );
}
