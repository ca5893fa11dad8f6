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
export function startProgress(initial: string): Progress {
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
  let ticker: NodeJS.Timeout | undefined;
  const render = () => {
    // One line, cut to the terminal's width, so clearing it never leaves wrapped remains.
    const line = `${FRAMES[frame++ % FRAMES.length]} ${text}`.slice(0, Math.max(10, (stream.columns || 80) - 1));
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
