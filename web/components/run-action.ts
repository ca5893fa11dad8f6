import type { QueryKey } from "@tanstack/query-core";
import { callAction } from "../api";
import { queryClient, useMutation } from "../query";
import { toast } from "./toasts";

export interface RunVariables {
  input: Record<string, unknown>;
  /** Typed confirmation for destructive actions. */
  confirm?: string;
}

/**
 * Runs a catalog action from a button or form: toasts the result (or Clerk's error, with its
 * code and trace id) and refreshes the queries that show what changed.
 */
export function useRunAction<T = unknown>(
  id: string,
  options: { success?: (output: T) => string; invalidate?: QueryKey[]; onSuccess?: (output: T) => void } = {},
) {
  return useMutation<T, RunVariables>({
    mutationFn: ({ input, confirm }) => callAction<T>(id, input, confirm ? { confirm } : {}),
    onSuccess: async (output) => {
      if (options.success) toast.success(options.success(output));
      await Promise.all((options.invalidate ?? []).map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      options.onSuccess?.(output);
    },
    onError: (error) => toast.error(error),
  });
}
