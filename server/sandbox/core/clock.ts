/**
 * The sandbox's notion of "now" in epoch milliseconds. Tests move it (via `/__sandbox/clock`)
 * to expire codes and tokens without waiting.
 */
export class SandboxClock {
  private offsetMs = 0;
  private frozenAt: number | null = null;

  now(): number {
    return this.frozenAt ?? Date.now() + this.offsetMs;
  }

  /** Jump to `epochMs`; with `freeze` the clock stops there until changed again. */
  set(epochMs: number, freeze = false): void {
    if (freeze) {
      this.frozenAt = epochMs;
      this.offsetMs = 0;
    } else {
      this.frozenAt = null;
      this.offsetMs = epochMs - Date.now();
    }
  }

  advance(ms: number): void {
    if (this.frozenAt !== null) this.frozenAt += ms;
    else this.offsetMs += ms;
  }

  /** Captures the clock's setting, to put it back after a temporary change. */
  save(): { offsetMs: number; frozenAt: number | null } {
    return { offsetMs: this.offsetMs, frozenAt: this.frozenAt };
  }

  restore(saved: { offsetMs: number; frozenAt: number | null }): void {
    this.offsetMs = saved.offsetMs;
    this.frozenAt = saved.frozenAt;
  }

  reset(): void {
    this.offsetMs = 0;
    this.frozenAt = null;
  }
}
