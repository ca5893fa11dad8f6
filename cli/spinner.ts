import { onShutdown } from "./shutdown";

export interface Progress {
  /** Changes the message (e.g. "DNS records are being verified…"). */
  update(text: string): void;
  stop(): void;
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/**
 * Progress on stderr for waits long enough to notice. On a terminal (stderr's own TTY: stdout
 * may be piped into jq) a spinner appears after 300 ms and shows each update in place. Without
 * one (a pipe, CI, NO_COLOR) nothing animates: each new message is printed once as a line, so a
 * long `--wait` still says what it is waiting for. Quick commands print nothing extra.
 */
/** `42s`, `3m 05s`: how long a wait has run. */
export function formatElapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, "0")}s`;
}

/**
 * `elapsed`: the animated spinner also shows how long it has run (a live checklist's clock);
 * printed lines leave it out, so each still says something new.
 */
export function startProgress(initial: string, options: { elapsed?: boolean } = {}): Progress {
  const stream = process.stderr;
  const animated =
    Boolean(stream.isTTY) &&
    !("NO_COLOR" in process.env) &&
    process.env.CI === undefined &&
    process.env.TERM !== "dumb";
  if (!animated) {
    let last = initial;
    return {
      update(next) {
        if (next !== last) stream.write(`${next}\n`);
        last = next;
      },
      stop() {},
    };
  }
  let text = initial;
  let frame = 0;
  const started = Date.now();
  let ticker: NodeJS.Timeout | undefined;
  const render = () => {
    // One line, cut to the terminal's width, so clearing it never leaves wrapped remains.
    const clock = options.elapsed ? ` (${formatElapsed(Date.now() - started)})` : "";
    const line = `${FRAMES[frame++ % FRAMES.length]} ${text}${clock}`.slice(
      0,
      Math.max(10, (stream.columns || 80) - 1),
    );
    stream.write(`\r\x1b[2K\x1b[33m${line.slice(0, 1)}\x1b[39m${line.slice(1)}`);
  };
  const stop = () => {
    clearTimeout(delay);
    if (!ticker) return;
    clearInterval(ticker);
    ticker = undefined;
    stream.write("\r\x1b[2K\x1b[?25h");
  };
  const delay = setTimeout(() => {
    // Ctrl-C while spinning must not leave the terminal without its cursor.
    onShutdown(stop);
    stream.write("\x1b[?25l");
    render();
    ticker = setInterval(render, 80);
  }, 300);
  return {
    update(next) {
      text = next;
      if (ticker) render();
    },
    stop,
  };
}
