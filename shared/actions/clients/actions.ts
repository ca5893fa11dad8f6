import { z } from "zod";
import { defineAction } from "../action";
import { minute } from "../view";
import { client } from "./schemas";

export const clientsVerify = defineAction({
  id: "clients.verify",
  summary: "Verify a client token (the __client cookie's JWT) and show the client it names",
  input: z.object({ token: z.string().min(1).describe("The client token: the JWT of the __client cookie") }),
  examples: ['clerk clients verify --token "$CLIENT_JWT"', 'clerk clients verify --token "$CLIENT_JWT" --json'],
  api: "backend",
  mutates: false,
  output: client,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        // Verifying changes nothing, so a retry after a lost answer is safe.
        { method: "POST", path: "/clients/verify", body: { token: input.token }, idempotent: true },
        client,
      )
    ).body;
  },
  table: {
    rows: (c) => [
      {
        id: c.id,
        sessions: c.session_ids.join(","),
        active: c.last_active_session_id ?? "",
        updated: minute(c.updated_at),
      },
    ],
    columns: [
      { key: "id", header: "ID" },
      { key: "sessions", header: "SESSIONS" },
      { key: "active", header: "LAST ACTIVE SESSION" },
      { key: "updated", header: "UPDATED" },
    ],
  },
});

export const clientActions = [clientsVerify];
