import { randomBytes, timingSafeEqual } from "node:crypto";

const token = () => randomBytes(32).toString("base64url");

/** How long a printed launch link stays usable. */
export const LAUNCH_CODE_TTL_MS = 10 * 60_000;

/** Failed redemptions (unknown, used or expired codes) tolerated within LAUNCH_FAILURE_WINDOW_MS… */
export const LAUNCH_FAILURES_ALLOWED = 5;
/** …after which every redemption is refused until the oldest failure is this old. */
export const LAUNCH_FAILURE_WINDOW_MS = 60_000;

/**
 * Who may use the panel. The terminal prints a launch URL with a one-time code; the browser
 * trades it for a session cookie, so only someone who saw the terminal gets in.
 */
export class PanelSessions {
  private readonly codes = new Map<string, number>();
  private readonly sessions = new Set<string>();
  /** When recent redemptions failed, oldest first (only those within LAUNCH_FAILURE_WINDOW_MS). */
  private failures: number[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  /** A new single-use launch code, valid for LAUNCH_CODE_TTL_MS. */
  issueLaunchCode(): string {
    const code = token();
    this.codes.set(code, this.now() + LAUNCH_CODE_TTL_MS);
    return code;
  }

  /**
   * Seconds until a launch code may be tried again after LAUNCH_FAILURES_ALLOWED failures within
   * LAUNCH_FAILURE_WINDOW_MS (guessing codes); 0 when it may be tried now. While throttled, the
   * caller must not call redeem(), so a valid code is not consumed.
   */
  retryAfterSeconds(): number {
    const now = this.now();
    this.failures = this.failures.filter((at) => at > now - LAUNCH_FAILURE_WINDOW_MS);
    if (this.failures.length < LAUNCH_FAILURES_ALLOWED) return 0;
    const oldest = this.failures[0] as number;
    return Math.max(1, Math.ceil((oldest + LAUNCH_FAILURE_WINDOW_MS - now) / 1000));
  }

  /** Consumes a launch code; returns a session token, or undefined if the code is unknown, used or expired. */
  redeem(code: string): string | undefined {
    const expires = this.codes.get(code);
    this.codes.delete(code);
    if (expires === undefined || expires < this.now()) {
      this.failures.push(this.now());
      return undefined;
    }
    const session = token();
    this.sessions.add(session);
    return session;
  }

  isSession(candidate: string | undefined): boolean {
    if (!candidate) return false;
    const given = Buffer.from(candidate);
    for (const session of this.sessions) {
      const known = Buffer.from(session);
      if (known.length === given.length && timingSafeEqual(known, given)) return true;
    }
    return false;
  }

  end(session: string): void {
    this.sessions.delete(session);
  }
}
