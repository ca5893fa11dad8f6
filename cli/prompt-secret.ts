import { interactive } from "./confirm";
import { ExitCode } from "./errors";

/**
 * Asks for a secret on the terminal without echoing it (human mode on a TTY only; undefined
 * elsewhere). Enter ends it; Ctrl-C exits 130, Ctrl-D or an empty answer gives undefined.
 */
export async function promptSecret(question: string): Promise<string | undefined> {
  if (!interactive()) return undefined;
  const stdin = process.stdin;
  // Echo off before the question shows: a key typed or pasted as soon as it appears must not echo.
  stdin.setRawMode(true);
  process.stderr.write(question);
  stdin.resume();
  stdin.setEncoding("utf8");
  const answer = await new Promise<string | undefined>((resolve) => {
    let typed = "";
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === "\u0003") {
          process.stderr.write("\n");
          process.exit(ExitCode.interrupted);
        }
        if (char === "\r" || char === "\n" || char === "\u0004") {
          stdin.off("data", onData);
          resolve(char === "\u0004" ? undefined : typed);
          return;
        }
        if (char === "\u007f" || char === "\b") typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    stdin.on("data", onData);
  });
  stdin.setRawMode(false);
  stdin.pause();
  process.stderr.write("\n");
  return answer?.trim() || undefined;
}
