/** Exit codes of the CLI's output contract. */
export const ExitCode = { ok: 0, runtime: 1, usage: 2, interrupted: 130 } as const;

/** Bad input from the user (unknown flag, bad value, missing argument): exit 2. */
export class UsageError extends Error {
  readonly exitCode = ExitCode.usage;
  constructor(
    message: string,
    /** How to fix it, shown under the message. */
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** Something failed while doing the work (network, API error, file): exit 1. */
export class RuntimeError extends Error {
  readonly exitCode: number = ExitCode.runtime;
  constructor(
    message: string,
    readonly hint?: string,
    readonly code?: string,
  ) {
    super(message);
  }
}
