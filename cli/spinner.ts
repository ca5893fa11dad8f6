import type { ChecklistItem } from "../shared/actions/action";
import { colorsFor } from "./output";
import { onShutdown } from "./shutdown";

export interface Progress {
  /**
   * Changes the message (e.g. "DNS records are being verified…") and, for a wait of several
   * steps, the checklist drawn under it.
   */
  update(text: string, checklist?: readonly ChecklistItem[]): void;
  stop(): void;
}

const MARKS = { done: "✓", pending: "…", failed: "✗" } as const;

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/** `42s`, `3m 05s`: how long a wait has run. */
export function formatElapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, "0")}s`;
}

/**
 * Progress on stderr for waits long enough to notice. On a terminal (stderr's own TTY: stdout
 * may be piped into jq) a spinner appears after 300 ms and shows each update in place, with a
 * checklist (when given) under it, one line per step, redrawn in place. Without one (a pipe, CI,
 * NO_COLOR) nothing animates: each step is printed as a line when its state changes (with its
 * elapsed time), each new message once, so a long `--wait` still says what it is waiting for.
 * Quick commands print nothing extra. `elapsed`: the spinner also shows how long it has run.
 */
export function startProgress(initial: string, options: { elapsed?: boolean } = {}): Progress {
  const stream = process.stderr;
  const animated =
    Boolean(stream.isTTY) &&
    !("NO_COLOR" in process.env) &&
    process.env.CI === undefined &&
    process.env.TERM !== "dumb";
  const started = Date.now();
  /** Each step's state and when it got there, for its elapsed time. */
  const steps = new Map<string, { state: ChecklistItem["state"]; since: number }>();
  /** Records the checklist; returns the steps whose state changed. */
  const track = (checklist: readonly ChecklistItem[] = []) =>
    checklist.filter((item) => {
      if (steps.get(item.label)?.state === item.state) return false;
      steps.set(item.label, { state: item.state, since: Date.now() });
      return true;
    });
  const clock = (label: string) => {
    const step = steps.get(label);
    return step && step.state !== "pending" ? formatElapsed(step.since - started) : "";
  };
  if (!animated) {
    // Plain lines, appended: each step when its state changes (with its time), each new message once.
    let last = initial;
    return {
      update(next, checklist) {
        // What got done first, then what is waited for now.
        for (const item of track(checklist)) {
          const time = clock(item.label);
          stream.write(`${MARKS[item.state]} ${item.label}${time ? ` (${time})` : ""}\n`);
        }
        if (next !== last) stream.write(`${next}\n`);
        last = next;
      },
      stop() {},
    };
  }
  const c = colorsFor(stream);
  const paint = { done: c.green, pending: c.dim, failed: c.red } as const;
  let text = initial;
  let items: readonly ChecklistItem[] = [];
  let frame = 0;
  let drawn = 0;
  let ticker: NodeJS.Timeout | undefined;
  /** Back to the first line drawn, cleared to the end of the screen. */
  const erase = () => `\r${drawn > 1 ? `\x1b[${drawn - 1}A` : ""}\x1b[J`;
  const render = () => {
    // Each line cut to the terminal's width, so redrawing never leaves wrapped remains.
    const width = Math.max(10, (stream.columns || 80) - 1);
    const total = options.elapsed ? ` (${formatElapsed(Date.now() - started)})` : "";
    const head = `${FRAMES[frame++ % FRAMES.length]} ${text}${total}`.slice(0, width);
    const labels = Math.max(0, ...items.map((item) => item.label.length));
    const lines = [
      `\x1b[33m${head.slice(0, 1)}\x1b[39m${head.slice(1)}`,
      ...items.map((item) => {
        const line = `  ${MARKS[item.state]} ${item.label.padEnd(labels)}  ${clock(item.label)}`
          .trimEnd()
          .slice(0, width);
        return `  ${paint[item.state](line.slice(2, 3))}${line.slice(3)}`;
      }),
    ];
    stream.write(`${erase()}${lines.join("\n")}`);
    drawn = lines.length;
  };
  const stop = () => {
    clearTimeout(delay);
    if (!ticker) return;
    clearInterval(ticker);
    ticker = undefined;
    stream.write(`${erase()}\x1b[?25h`);
    drawn = 0;
  };
  const delay = setTimeout(() => {
    // Ctrl-C while spinning must not leave the terminal without its cursor.
    onShutdown(stop);
    stream.write("\x1b[?25l");
    render();
    ticker = setInterval(render, 80);
  }, 300);
  return {
    update(next, checklist) {
      text = next;
      if (checklist) {
        track(checklist);
        items = checklist;
      }
      if (ticker) render();
    },
    stop,
  };
}
