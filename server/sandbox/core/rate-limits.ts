/**
 * Clerk's documented Backend API rate limits, per instance (identified by its secret key):
 * production 1000 and development 100 requests per 10 seconds; `GET /jwks` is never limited.
 * A request over the limit is answered 429 `too_many_requests` with `Retry-After` (seconds until
 * the window ends). https://clerk.com/docs/guides/how-clerk-works/system-limits
 */
export interface RateLimitSettings {
  enabled: boolean;
  /** Requests per window on a development instance. */
  development: number;
  /** Requests per window on a production instance. */
  production: number;
  windowMs: number;
}

export const CLERK_RATE_LIMITS: RateLimitSettings = {
  enabled: true,
  development: 100,
  production: 1000,
  windowMs: 10_000,
};

const UNLIMITED = /^\/v1\/jwks(\?|$)/;

export class RateLimiter {
  private settings: RateLimitSettings;
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(settings: Partial<RateLimitSettings> = {}) {
    this.settings = { ...CLERK_RATE_LIMITS, ...settings };
  }

  current(): RateLimitSettings {
    return { ...this.settings };
  }

  /** Changes the settings; every instance starts a fresh window. */
  configure(settings: Partial<RateLimitSettings>): RateLimitSettings {
    this.settings = { ...this.settings, ...settings };
    this.windows.clear();
    return this.current();
  }

  /**
   * Counts one request of `instance` at `now`; answers the seconds to wait when it is over the
   * limit (the request is then not counted), otherwise undefined.
   */
  take(
    instance: { id: string; environment_type: string },
    method: string,
    url: string,
    now: number,
  ): number | undefined {
    if (!this.settings.enabled || (method === "GET" && UNLIMITED.test(url))) return undefined;
    const limit = instance.environment_type === "production" ? this.settings.production : this.settings.development;
    let window = this.windows.get(instance.id);
    if (!window || now >= window.start + this.settings.windowMs || now < window.start) {
      window = { start: now, count: 0 };
      this.windows.set(instance.id, window);
    }
    if (window.count >= limit) return Math.max(1, Math.ceil((window.start + this.settings.windowMs - now) / 1000));
    window.count += 1;
    return undefined;
  }
}
