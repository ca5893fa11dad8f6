import { z } from "zod";
import { defineCommand } from "../command";

const actions = () => import("../auth/actions");

const login = defineCommand({
  id: "auth.login",
  summary: "Log in to Clerk in the browser (OAuth), for the Platform API",
  description:
    "Runs the OAuth authorization-code flow with PKCE: opens the consent page in your browser and waits for it on a " +
    "loopback address (http://127.0.0.1:<port>/callback). The tokens go to the OS keychain (per profile) and are " +
    "refreshed automatically. The OAuth server is CLERK_OAUTH_BASE_URL (or the profile's oauth_base_url); for the " +
    "local sandbox, set it to the sandbox URL.",
  input: z.object({
    browser: z.boolean().default(true).describe("Open the browser (--no-browser only prints the URL)"),
    timeout: z.string().optional().describe("How long to wait for the browser: 90s, 5m… (default 5m)"),
  }),
  examples: [
    "clerk auth login",
    "CLERK_OAUTH_BASE_URL=http://127.0.0.1:2575 clerk auth login --no-browser",
    "clerk auth login --profile work --timeout 10m",
  ],
  run: async (input, globals) => (await actions()).authLogin(input, globals),
});

const logout = defineCommand({
  id: "auth.logout",
  summary: "Log out: revoke the tokens at the OAuth server and delete them",
  input: z.object({}),
  examples: ["clerk auth logout", "clerk auth logout --profile work"],
  run: async (_input, globals) => (await actions()).authLogout(globals),
});

const whoami = defineCommand({
  id: "auth.whoami",
  summary: "Show who is logged in (profile, OAuth server, account), or the instance behind the secret key",
  input: z.object({}),
  examples: ["clerk auth whoami", "clerk auth whoami --json"],
  run: async (_input, globals) => (await actions()).authWhoami(globals),
});

/**
 * The official CLI's top-level shortcuts, `clerk login|logout|whoami` (and the synonyms
 * `signin`, `signup`, `signout`, cli/tree.ts): the same commands under a shorter name.
 */
const shortcut = <S extends typeof login | typeof logout | typeof whoami>(spec: S): S => ({
  ...spec,
  id: spec.id.replace(/^auth\./, ""),
  summary: `${spec.summary} (same as clerk ${spec.id.replace(".", " ")})`,
  description: `Same as \`clerk ${spec.id.replace(".", " ")}\`. ${spec.description ?? spec.summary}`,
  examples: spec.examples.map((example) => example.replace("clerk auth ", "clerk ")),
});

export const authCommands = [login, logout, whoami, shortcut(login), shortcut(logout), shortcut(whoami)];
