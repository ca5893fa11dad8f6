import { z } from "zod";
import { segmentProblem } from "./view";

// Reusable input fields, so the same parameter reads the same in every command.

/** Results per page; most lists take up to 500, the machine-auth ones (API keys, M2M tokens) 100. */
export const pageLimit = (max: number) =>
  z.coerce.number().int().min(1).max(max).default(10).describe(`Results per page (1-${max})`);
export const limit = pageLimit(500);
export const offset = z.coerce.number().int().min(0).default(0).describe("Results to skip");
export const stringList = (description: string) => z.array(z.coerce.string()).optional().describe(description);

/** A JSON object given as text on the command line (`--public-metadata '{"plan":"pro"}'`). */
export const jsonObject = (description: string) =>
  z
    .union([
      z.record(z.string(), z.unknown()),
      z.string().transform((text, ctx) => {
        try {
          const value: unknown = JSON.parse(text);
          if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
        } catch {}
        ctx.addIssue({ code: "custom", message: 'must be a JSON object, e.g. \'{"plan":"pro"}\'' });
        return z.NEVER;
      }),
    ])
    .describe(description);

/** A point in time: epoch milliseconds or an ISO 8601 date (`2025-01-31`, `2025-01-31T09:00:00Z`). */
export const instant = (description: string) =>
  z
    .union([z.number().int(), z.string()])
    .transform((value, ctx) => {
      const ms = typeof value === "number" || /^\d+$/.test(value) ? Number(value) : Date.parse(value);
      if (Number.isNaN(ms)) {
        ctx.addIssue({ code: "custom", message: "must be a date (2025-01-31) or epoch milliseconds" });
        return z.NEVER;
      }
      return ms;
    })
    .describe(description);

/** An optional point in time, for filters. */
export const timestamp = (description: string) => instant(description).optional().describe(description);

/** An id, which requests put in their path: one that cannot be a path segment is refused here, by name. */
export const id = (what: string) =>
  z.coerce
    .string()
    .min(1)
    .superRefine((value, ctx) => {
      const problem = segmentProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: `${problem}; give the ${what} id as Clerk shows it` });
    })
    .describe(`The ${what} id`);

const SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** `90s`, `30m`, `2h`, `1d` or a bare number of seconds, as seconds. */
export const duration = (description: string) =>
  z.coerce
    .string()
    .transform((text, ctx) => {
      const match = /^(\d+)\s*([smhd]?)$/.exec(text.trim());
      const seconds = match ? Number(match[1]) * SECONDS[(match[2] || "s") as keyof typeof SECONDS] : 0;
      if (seconds > 0) return seconds;
      ctx.addIssue({ code: "custom", message: "must be a duration such as 90s, 30m, 2h or a number of seconds" });
      return z.NEVER;
    })
    .optional()
    .describe(description);
