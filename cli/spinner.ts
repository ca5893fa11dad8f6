export interface Progress {
  /** Changes the message (e.g. "DNS records are being verified…"). */
  update(text: string): void;
  stop(): void;
}

/**
 * A spinner on stderr for waits long enough to notice: it appears after 300 ms, only on a
 * terminal, and never in CI or with NO_COLOR. Quick commands print nothing extra.
 */
export function startProgress(initial: string): Progress {
  if (!process.stderr.isTTY || "NO_COLOR" in process.env || process.env.CI !== undefined) {
    return { update() {}, stop() {} };
  }
  let text = initial;
  let spinner: { update(options: { text: string }): void; clear(): void; stop(): void } | undefined;
  let stopped = false;
  const timer = setTimeout(async () => {
    const { createSpinner } = await import("nanospinner");
    if (stopped) return;
    spinner = createSpinner(text, { stream: process.stderr }).start();
  }, 300);
  return {
    update(next) {
      text = next;
      spinner?.update({ text });
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      spinner?.clear();
      spinner?.stop();
    },
  };
}
