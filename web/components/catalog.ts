import type { ActionInfo } from "../../shared/actions/types";
import { getCatalog } from "../api";
import { useQuery } from "../query";

/** The server's catalog (fields, flags, destructive flags), fetched once per session; with its loading state. */
export function useCatalogQuery() {
  return useQuery({ queryKey: ["catalog"], queryFn: getCatalog, staleTime: Number.POSITIVE_INFINITY });
}

export function useCatalog(): ActionInfo[] | undefined {
  return useCatalogQuery().data;
}

export function useActionInfo(id: string): ActionInfo | undefined {
  return useCatalog()?.find((action) => action.id === id);
}
