/**
 * A failure an action reports to its caller in words a person can act on. The CLI turns it
 * into an exit code 1 message, the panel into an error toast.
 */
export class ActionError extends Error {
  override readonly name: string = "ActionError";
  constructor(
    message: string,
    readonly hint?: string,
    readonly code = "action_failed",
    /** Lines shown under the message, e.g. an expression with a caret under the problem. */
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

/** The caller's input is wrong (an expression that does not check, two exclusive flags): the CLI exits 2. */
export class ActionInputError extends ActionError {
  override readonly name = "ActionInputError";
}
