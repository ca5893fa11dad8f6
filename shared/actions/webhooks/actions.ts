import { z } from "zod";
import { defineAction } from "../action";
import { type SvixUrl, svixUrl } from "./schemas";

/**
 * The instance's Svix app, which delivers Clerk's webhooks: `clerk webhooks svix create|delete|dashboard`.
 * (`clerk webhooks verify`, which calls no API, is a CLI command beside these.)
 */

const urlView = {
  rows: (output: SvixUrl) => [{ url: output.svix_url }],
  columns: [{ key: "url", header: "SVIX DASHBOARD (one-time login)" }],
};

export const webhooksSvixCreate = defineAction({
  id: "webhooks.svix.create",
  summary: "Turn webhooks on: create the instance's Svix app, and get a link to its dashboard",
  description: "Add endpoints and pick events in the Svix dashboard the printed one-time URL opens.",
  input: z.object({}),
  examples: ["clerk webhooks svix create --open", "clerk webhooks svix create --json"],
  api: "backend",
  mutates: true,
  output: svixUrl,
  async run(ctx) {
    return (await ctx.backend.request({ method: "POST", path: "/webhooks/svix" }, svixUrl)).body;
  },
  howToCheck: () => "clerk webhooks svix dashboard",
  table: urlView,
  secretFields: ["svix_url"],
  browse: (output) => output.svix_url,
});

export const webhooksSvixDashboard = defineAction({
  id: "webhooks.svix.dashboard",
  summary: "Get a one-time login URL to the Svix dashboard of the instance's webhooks",
  input: z.object({}),
  examples: ["clerk webhooks svix dashboard --open", "clerk webhooks svix dashboard --json"],
  api: "backend",
  // A new login URL each time, and nothing else changes.
  mutates: false,
  output: svixUrl,
  async run(ctx) {
    return (await ctx.backend.request({ method: "POST", path: "/webhooks/svix_url", idempotent: true }, svixUrl)).body;
  },
  table: urlView,
  secretFields: ["svix_url"],
  browse: (output) => output.svix_url,
});

export const webhooksSvixDelete = defineAction({
  id: "webhooks.svix.delete",
  summary: "Turn webhooks off: delete the instance's Svix app with its endpoints",
  input: z.object({}),
  examples: ["clerk webhooks svix delete --yes"],
  api: "backend",
  mutates: true,
  destructive: () => "svix",
  output: z.object({ deleted: z.literal(true) }),
  async run(ctx) {
    await ctx.backend.request({ method: "DELETE", path: "/webhooks/svix" });
    return { deleted: true as const };
  },
  table: { rows: (o) => [{ deleted: o.deleted }], columns: [{ key: "deleted", header: "DELETED" }] },
});

export const webhookActions = [webhooksSvixCreate, webhooksSvixDashboard, webhooksSvixDelete];
