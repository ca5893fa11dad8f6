/**
 * Shows a spinner on stderr while `work` runs, but only on a terminal and only once the wait
 * is long enough to notice (300 ms): quick commands print nothing extra.
 */
export async function withSpinner<T>(text: string, work: () => Promise<T>): Promise<T> {
  if (!process.stderr.isTTY || "NO_COLOR" in process.env || process.env.CI !== undefined) return work();
  let spinner: { stop(): void; clear(): void } | undefined;
  let cancelled = false;
  const timer = setTimeout(async () => {
    const { createSpinner } = await import("nanospinner");
    if (cancelled) return;
    spinner = createSpinner(text, { stream: process.stderr }).start();
  }, 300);
  try {
    return await work();
  } finally {
    cancelled = true;
    clearTimeout(timer);
    spinner?.clear();
    spinner?.stop();
  }
}
