import type { FunctionComponent } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ErrorState, Skeleton } from "./states";

/**
 * A view loaded the first time it is shown (its own chunk), so the panel's first load only
 * carries the views most people open. Shows a skeleton meanwhile, and what failed (with a
 * retry) if the chunk could not be fetched — e.g. `clerk ui` was restarted with a new build.
 */
export function lazyView<P extends object>(load: () => Promise<FunctionComponent<P>>): FunctionComponent<P> {
  let loaded: FunctionComponent<P> | undefined;
  return function LazyView(props: P) {
    const [view, setView] = useState(() => loaded);
    const [error, setError] = useState<unknown>(null);
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (view) return;
      let current = true;
      load().then(
        (component) => {
          loaded = component;
          if (current) setView(() => component);
        },
        (failure: unknown) => current && setError(failure),
      );
      return () => {
        current = false;
      };
    }, [attempt]);
    if (view) {
      const View = view;
      return <View {...props} />;
    }
    if (error) {
      return (
        <ErrorState
          error={error}
          retry={() => {
            setError(null);
            setAttempt(attempt + 1);
          }}
        />
      );
    }
    return <Skeleton lines={8} />;
  };
}
