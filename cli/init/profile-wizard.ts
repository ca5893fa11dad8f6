import { createInterface } from "node:readline/promises";
import { interactive } from "../confirm";
import { UsageError } from "../errors";
import type { GlobalOptions } from "../globals";
import { promptSecret } from "../prompt-secret";
import { DEFAULT_PROFILE } from "../settings/ini-file";

const MANUAL = "`clerk config profile create default --api-key sk_… --use` (or set CLERK_SECRET_KEY)";

/**
 * The Go CLI's `clerk init` outside a project: asks for a profile name and a secret key and
 * creates the profile (the key goes to the credential store). It needs a terminal; elsewhere it
 * is a usage error naming the one-line equivalent, so a script never waits on a prompt.
 */
export async function runProfileWizard(globals: GlobalOptions): Promise<void> {
  if (!interactive()) {
    throw new UsageError(
      "clerk init found no package.json here, so it would run the profile set-up wizard, which needs a terminal.",
      `Create the profile directly: ${MANUAL}. To set Clerk up in a project, run clerk init in its directory.`,
    );
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const name = (await rl.question(`Profile name (${DEFAULT_PROFILE}): `)).trim() || DEFAULT_PROFILE;
  rl.close();
  const key = await promptSecret("Clerk secret key (sk_…, Dashboard → API keys; not shown): ");
  if (!key)
    throw new UsageError("No secret key was given; nothing was created.", `Run clerk init again, or ${MANUAL}.`);
  const { profileCreate } = await import("../settings/actions");
  await profileCreate({ name, use: true, api_key: key }, globals);
}
