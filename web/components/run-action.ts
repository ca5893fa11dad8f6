import type { QueryKey } from "@tanstack/query-core";
import { useRef, useState } from "preact/hooks";
import type { ActionId, ActionInput, ActionOutput } from "../../shared/actions/types";
import { type Confirmation, callAction, PanelApiError } from "../api";
import { queryClient, useMutation } from "../query";
import type { Confirming } from "./confirm";
import { toast } from "./toasts";

export interface RunVariables<Id extends ActionId> {
  input: ActionInput<Id>;
  /** The confirmation the server asked for (its 428 answer's `confirm`). */
  confirm?: string;
}

/**
 * The confirmation step every runner shares: a staked action (shared/actions/stakes.ts) first
 * answers 428 with its question and subject; `asked` keeps them (and the control that started
 * it, for focus to return to), and `confirming` runs it again with the confirmation.
 */
export function useServerConfirmation<I>() {
  const [pending, setPending] = useState<{ input: I; confirmation: Confirmation; opener: Element | null } | null>(null);
  const opener = useRef<Element | null>(null);
  return {
    /** Called as a run starts (unconfirmed): the control that started it. */
    started: () => {
      opener.current = document.activeElement;
    },
    /** Whether the error is the server asking to confirm this run; if so the dialog opens. */
    asked(error: unknown, variables: { input: I; confirm?: string }): boolean {
      if (!(error instanceof PanelApiError) || error.status !== 428 || !error.confirmation || variables.confirm) {
        return false;
      }
      setPending({ input: variables.input, confirmation: error.confirmation, opener: opener.current });
      return true;
    },
    /** The dialog is done with (confirmed and run, or cancelled). */
    close: () => setPending(null),
    /** The waiting confirmation, with what confirming and cancelling do. */
    confirming(run: (variables: { input: I; confirm: string }) => void, busy: boolean): Confirming | null {
      if (!pending) return null;
      return {
        confirmation: pending.confirmation,
        opener: pending.opener,
        busy,
        confirm: () => run({ input: pending.input, confirm: pending.confirmation.confirm }),
        cancel: () => setPending(null),
      };
    },
    /** The input waiting for confirmation. */
    input: pending?.input,
  };
}

/**
 * Runs a catalog action from a button or form: toasts the result (or Clerk's error, with its
 * code and trace id) and refreshes the queries that show what changed. An action with stakes is
 * confirmed first: `confirming` is set (show it with ServerConfirmDialog) until the person
 * answers.
 */
export function useRunAction<Id extends ActionId>(
  id: Id,
  options: {
    success?: (output: ActionOutput<Id>) => string;
    invalidate?: QueryKey[];
    onSuccess?: (output: ActionOutput<Id>) => void;
  } = {},
) {
  const confirmation = useServerConfirmation<ActionInput<Id>>();
  const mutation = useMutation<ActionOutput<Id>, RunVariables<Id>>({
    mutationFn: ({ input, confirm }) => {
      if (!confirm) confirmation.started();
      return callAction(id, input, confirm ? { confirm } : {});
    },
    onSuccess: async (output) => {
      confirmation.close();
      if (options.success) toast.success(options.success(output));
      await Promise.all((options.invalidate ?? []).map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      options.onSuccess?.(output);
    },
    onError: (error, variables) => {
      if (confirmation.asked(error, variables)) return;
      confirmation.close();
      toast.error(error);
    },
  });
  // Failures are already shown as toasts; the rejected promise needs no other handler.
  const run = (variables: RunVariables<Id>) => void mutation.mutate(variables).catch(() => undefined);
  return {
    ...mutation,
    confirming: confirmation.confirming(run, mutation.isPending),
    /** The input waiting for confirmation, if any. */
    confirmingInput: confirmation.input,
  };
}
