/**
 * A failure an action reports to its caller in words a person can act on. The CLI turns it
 * into an exit code 1 message, the panel into an error toast.
 */
export class ActionError extends Error {
  override readonly name = "ActionError";
  constructor(
    message: string,
    readonly hint?: string,
    readonly code = "action_failed",
  ) {
    super(message);
  }
}
