import { RuntimeError } from "../errors";
import { redactSecrets } from "./keys";

/** Long enough for a password manager to ask for a fingerprint; short enough to notice a hang. */
export const DEFAULT_SECRET_COMMAND_TIMEOUT_MS = 30_000;

function timeoutMs(env: NodeJS.ProcessEnv): number {
  const configured = Number(env.CLERK_SECRET_COMMAND_TIMEOUT_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_SECRET_COMMAND_TIMEOUT_MS;
}

/**
 * Runs a `!command` setting through the shell and returns what it printed (trimmed): the
 * secret. Its output is never shown or logged; on failure the error names the setting, the
 * exit status and the command's own stderr (with anything secret-looking masked).
 */
export async function runSecretCommand(
  value: string,
  label: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const command = value.replace(/^!/, "").trim();
  const shown = redactSecrets(command);
  const limit = timeoutMs(env);
  const fix = `Check the command with \`${shown}\` in a shell, or change it with \`clerk config set\`.`;
  if (command === "") throw new RuntimeError(`The command for ${label} is empty.`, fix, "secret_command_failed");
  // Loaded only when a command runs: node:child_process is heavy for every command's start-up.
  const { spawn } = await import("node:child_process");
  return new Promise((resolve, reject) => {
    // The command may read the terminal (a password prompt shows on /dev/tty), but not our stdin.
    const child = spawn(command, { shell: true, stdio: ["ignore", "pipe", "pipe"], env });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      // A grandchild (the shell's command) may still hold the pipes: stop reading and give up now.
      child.stdout.destroy();
      child.stderr.destroy();
      settle(() =>
        reject(
          new RuntimeError(
            `The command for ${label} did not finish within ${limit / 1000} s: ${shown}`,
            `${fix} (CLERK_SECRET_COMMAND_TIMEOUT_MS sets the limit.)`,
            "secret_command_timeout",
          ),
        ),
      );
    }, limit);
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error) =>
      settle(() =>
        reject(new RuntimeError(`Cannot run the command for ${label}: ${error.message}`, fix, "secret_command_failed")),
      ),
    );
    child.on("close", (code, signal) =>
      settle(() => {
        const errorText = redactSecrets(Buffer.concat(stderr).toString("utf8").trim()).split("\n").slice(-3).join(" ");
        if (code !== 0) {
          const status = signal ? `signal ${signal}` : `exit ${code}`;
          reject(
            new RuntimeError(
              `The command for ${label} failed (${status}): ${shown}${errorText ? ` — ${errorText}` : ""}`,
              fix,
              "secret_command_failed",
            ),
          );
          return;
        }
        const secret = Buffer.concat(stdout).toString("utf8").trim();
        if (secret === "") {
          reject(new RuntimeError(`The command for ${label} printed nothing: ${shown}`, fix, "secret_command_failed"));
          return;
        }
        resolve(secret);
      }),
    );
  });
}
