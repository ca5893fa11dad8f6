/**
 * Injected failures for tests of client resilience: the next N matching requests fail the
 * chosen way. `drop_after` lets the request run (and commit) and then drops the connection
 * before the response, to prove a client never repeats a non-idempotent create.
 */
export type FaultKind = "429" | "500" | "delay" | "drop" | "drop_after";

export interface Fault {
  kind: FaultKind;
  remaining: number;
  /** Only requests whose path starts with this are affected (default: every API request). */
  pathPrefix: string;
  /** Only requests with this method are affected (default: any). */
  method?: string;
  retryAfterSeconds: number;
  delayMs: number;
}

export class FaultQueue {
  private faults: Fault[] = [];

  add(fault: Partial<Fault> & { kind: FaultKind }): Fault {
    const full: Fault = {
      remaining: 1,
      pathPrefix: "/v1",
      retryAfterSeconds: 1,
      delayMs: 1000,
      ...fault,
    };
    this.faults.push(full);
    return full;
  }

  /** Consumes and returns the first fault matching this request, if any. */
  take(method: string, path: string): Fault | undefined {
    const index = this.faults.findIndex(
      (fault) => path.startsWith(fault.pathPrefix) && (!fault.method || fault.method.toUpperCase() === method),
    );
    if (index < 0) return undefined;
    const fault = this.faults[index] as Fault;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return fault;
  }

  pending(): readonly Fault[] {
    return this.faults;
  }

  clear(): void {
    this.faults = [];
  }
}
