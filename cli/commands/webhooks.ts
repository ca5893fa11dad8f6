import { z } from "zod";
import { defineCommand } from "../command";

/**
 * CLI-only, not a catalog action: an action's `api` names the Clerk API it calls and every
 * action gets a panel route, while this calls no API, reads local files or stdin, and takes a
 * signing secret the panel must never receive.
 */
const verify = defineCommand({
  id: "webhooks.verify",
  summary: "Check a saved webhook delivery's signature offline (Svix-style HMAC)",
  description:
    "Verifies that a webhook delivery was signed with your endpoint's signing secret, as Clerk signs them through " +
    "Svix: svix-signature is v1,<base64 HMAC-SHA256 of svix-id.svix-timestamp.body>. Give the body exactly as " +
    "received. The secret comes from --secret, CLERK_WEBHOOK_SIGNING_SECRET or the profile's webhook_signing_secret " +
    "and is never printed. A file may be written @file, as the official CLI does. --delivery takes the whole " +
    'delivery as one JSON line instead: {"headers": {"svix-id": …, "svix-timestamp": …, "svix-signature": …}, ' +
    '"body": "<the raw body as a string>"}. Exits 0 when valid, 1 when not (bad signature, stale timestamp, ' +
    "malformed header), 2 on usage errors.",
  input: z.object({
    payload: z.string().optional().describe("File with the delivery's body, byte for byte (- or omitted: stdin)"),
    delivery: z
      .string()
      .optional()
      .describe('File with the delivery as one JSON line: {"headers": {…}, "body": "…"} (- for stdin)'),
    headers: z
      .string()
      .optional()
      .describe("File with the delivery's headers: raw `Name: value` lines or a JSON object (- for stdin)"),
    id: z.string().optional().describe("The svix-id header (overrides --headers)"),
    timestamp: z.string().optional().describe("The svix-timestamp header (overrides --headers)"),
    signature: z.string().optional().describe("The svix-signature header (overrides --headers)"),
    secret: z
      .string()
      .optional()
      .describe("Signing secret whsec_… (default: CLERK_WEBHOOK_SIGNING_SECRET or the profile's)"),
    tolerance: z.string().optional().describe("How far the timestamp may be from now: 300, 10m, 2h… (default 5m)"),
    ignore_timestamp: z.boolean().default(false).describe("Skip the timestamp check (old saved deliveries)"),
  }),
  positionals: ["payload"],
  examples: [
    "clerk webhooks verify body.json --headers headers.txt",
    "clerk webhooks verify body.json --id msg_2x… --timestamp 1716883200 --signature v1,… --ignore-timestamp",
    "CLERK_WEBHOOK_SIGNING_SECRET=whsec_… clerk webhooks verify delivery.json --headers headers.json --json",
    "clerk webhooks verify --secret whsec_… --delivery @event.json",
  ],
  run: async (input, globals) => (await import("../webhooks/verify")).verifyDelivery(input, globals),
});

export const webhooksCommands = [verify];
