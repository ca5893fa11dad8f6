import { randomBytes, timingSafeEqual } from "node:crypto";

const token = () => randomBytes(32).toString("base64url");

/** How long a printed launch link stays usable. */
export const LAUNCH_CODE_TTL_MS = 10 * 60_000;

/**
 * Who may use the panel. The terminal prints a launch URL with a one-time code; the browser
 * trades it for a session cookie, so only someone who saw the terminal gets in.
 */
export class PanelSessions {
  private readonly codes = new Map<string, number>();
  private readonly sessions = new Set<string>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A new single-use launch code, valid for LAUNCH_CODE_TTL_MS. */
  issueLaunchCode(): string {
    const code = token();
    this.codes.set(code, this.now() + LAUNCH_CODE_TTL_MS);
    return code;
  }

  /** Consumes a launch code; returns a session token, or undefined if the code is unknown, used or expired. */
  redeem(code: string): string | undefined {
    const expires = this.codes.get(code);
    if (expires === undefined) return undefined;
    this.codes.delete(code);
    if (expires < this.now()) return undefined;
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
