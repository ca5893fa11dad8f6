import {
  MutationObserver,
  type MutationObserverOptions,
  type MutationObserverResult,
  QueryClient,
  type QueryKey,
  QueryObserver,
  type QueryObserverOptions,
  type QueryObserverResult,
} from "@tanstack/query-core";
import { useEffect, useMemo, useState } from "preact/hooks";

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 15_000, retry: 1, refetchOnWindowFocus: true },
  },
});
queryClient.mount();

/**
 * Preact binding for @tanstack/query-core: subscribes to a QueryObserver. Query functions get
 * an AbortSignal, so a superseded request (e.g. the previous keystroke's search) is cancelled.
 */
export function useQuery<T, K extends QueryKey = QueryKey>(
  options: QueryObserverOptions<T, Error, T, T, K>,
): QueryObserverResult<T, Error> {
  const observer = useMemo(() => new QueryObserver<T, Error, T, T, K>(queryClient, options), []);
  const [result, setResult] = useState(() => observer.getOptimisticResult(queryClient.defaultQueryOptions(options)));
  useEffect(() => {
    observer.setOptions(options);
    setResult(observer.getOptimisticResult(queryClient.defaultQueryOptions(options)));
  }, [JSON.stringify(options.queryKey), options.enabled]);
  useEffect(() => observer.subscribe(setResult), [observer]);
  return result;
}

export function useMutation<T, V>(options: MutationObserverOptions<T, Error, V>): MutationObserverResult<T, Error, V> {
  const observer = useMemo(() => new MutationObserver<T, Error, V>(queryClient, options), []);
  const [result, setResult] = useState(() => observer.getCurrentResult());
  useEffect(() => {
    observer.setOptions(options);
  });
  useEffect(() => observer.subscribe(setResult), [observer]);
  return result;
}

/** `value`, but only after it stopped changing for `ms` (search as you type). */
export function useDebounced<T>(value: T, ms = 250): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}
