import {
  createPrompt,
  isDownKey,
  isEnterKey,
  isSpaceKey,
  isUpKey,
  makeTheme,
  useKeypress,
  usePrefix,
  useState,
} from "@inquirer/core";
import type { ProtectRule } from "../../shared/actions/protect/schemas";
import { colorsFor } from "../output";

interface OrderConfig {
  message: string;
  rules: readonly ProtectRule[];
}

const c = colorsFor(process.stderr);

function line(rule: ProtectRule, index: number, cursor: boolean, held: boolean): string {
  const marker = cursor ? (held ? c.yellow("⇅") : c.cyan("›")) : " ";
  const text = `${String(index).padStart(2)}  ${rule.action.padEnd(9)} ${rule.expression.replace(/\s*\n\s*/g, " ")}`;
  const description = rule.description ? c.dim(`  ${rule.description}`) : "";
  return `${marker} ${cursor ? (held ? c.yellow(text) : c.bold(text)) : text}${description}`;
}

/**
 * A ruleset as a list to rearrange: ↑/↓ move the cursor, space picks a rule up (and puts it
 * down), ↑/↓ while holding it moves it, enter saves, esc cancels. Resolves to the new order of
 * ids, or undefined when cancelled.
 */
const orderPrompt = createPrompt<string[] | undefined, OrderConfig>((config, done) => {
  const theme = makeTheme();
  const [items, setItems] = useState<readonly ProtectRule[]>(config.rules);
  const [cursor, setCursor] = useState(0);
  const [held, setHeld] = useState(false);
  const [status, setStatus] = useState<"idle" | "done">("idle");
  const prefix = usePrefix({ status, theme });

  useKeypress((key) => {
    if (status === "done") return;
    if (isEnterKey(key)) {
      setStatus("done");
      done(items.map((rule) => rule.id));
    } else if (key.name === "escape" || key.name === "q") {
      setStatus("done");
      done(undefined);
    } else if (isSpaceKey(key)) {
      setHeld(!held);
    } else if (isUpKey(key) || isDownKey(key)) {
      const next = cursor + (isUpKey(key) ? -1 : 1);
      if (next < 0 || next >= items.length) return;
      if (held) {
        const moved = [...items];
        [moved[cursor], moved[next]] = [moved[next] as ProtectRule, moved[cursor] as ProtectRule];
        setItems(moved);
      }
      setCursor(next);
    }
  });

  const message = theme.style.message(config.message, status);
  if (status === "done") return `${prefix} ${message}`;
  const help = c.dim("↑↓ select · space pick up / put down · enter save · esc cancel");
  return [`${prefix} ${message}`, ...items.map((rule, i) => line(rule, i, i === cursor, held)), help].join("\n");
});

/** Asks for a new order of the rules on the terminal (stderr, so stdout stays the command's output). */
export async function chooseOrder(ruleset: string, rules: readonly ProtectRule[]): Promise<string[] | undefined> {
  try {
    return await orderPrompt(
      { message: `New order of the ${ruleset} rules (first match wins)`, rules },
      { output: process.stderr },
    );
  } catch (error) {
    // Ctrl-C inside the prompt cancels like esc.
    if ((error as Error).name === "ExitPromptError") return undefined;
    throw error;
  }
}
