import type { QueryKey } from "@tanstack/query-core";
import type { ActionId, ActionInput, ActionOutput } from "../../shared/actions/types";
import { callAction } from "../api";
import { queryClient, useMutation } from "../query";
import { toast } from "./toasts";

export interface RunVariables<Id extends ActionId> {
  input: ActionInput<Id>;
  /** Typed confirmation for destructive actions. */
  confirm?: string;
}

/**
 * Runs a catalog action from a button or form: toasts the result (or Clerk's error, with its
 * code and trace id) and refreshes the queries that show what changed.
 */
export function useRunAction<Id extends ActionId>(
  id: Id,
  options: {
    success?: (output: ActionOutput<Id>) => string;
    invalidate?: QueryKey[];
    onSuccess?: (output: ActionOutput<Id>) => void;
  } = {},
) {
  return useMutation<ActionOutput<Id>, RunVariables<Id>>({
    mutationFn: ({ input, confirm }) => callAction(id, input, confirm ? { confirm } : {}),
    onSuccess: async (output) => {
      if (options.success) toast.success(options.success(output));
      await Promise.all((options.invalidate ?? []).map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      options.onSuccess?.(output);
    },
    onError: (error) => toast.error(error),
  });
}
