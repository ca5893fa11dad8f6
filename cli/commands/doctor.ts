import { z } from "zod";
import { defineCommand } from "../command";
import { ExitCode } from "../errors";

export const doctorCommand = defineCommand({
  id: "doctor",
  summary: "Check the setup: config, profile, credential store, Backend API, login, Platform API",
  description:
    "Reports where the configuration lives, the active profile and where each setting comes from (secrets masked), " +
    "which credential store is used and why, whether the Backend API accepts the configured key, whether the login " +
    "and the Platform API work, and the Node.js version. Exits 1 when something needed fails, with the fix. " +
    "--json prints the array of results, as the official CLI does: name, status (pass, warn or fail), message, " +
    "remedy (how to fix it) and fix (the label of a fix --fix applies), with our id, title and summary; what the " +
    "report holds besides rides on its check (settings on profile, the store on credential_store). --fix applies " +
    "those fixes (a secret written in plain text in the config file moves to the credential store); agent mode " +
    "ignores it, as the official CLI does.",
  input: z.object({
    fix: z.boolean().default(false).describe("Apply the fixes doctor can make itself, then check again"),
    spotlight: z.boolean().default(false).describe("Only show warnings and failures"),
  }),
  examples: ["clerk doctor", "clerk doctor --json", "clerk doctor --spotlight", "clerk doctor --fix"],
  async run(input, globals) {
    const { doctorJson, runDoctor, renderDoctor, spotlight } = await import("./doctor-checks");
    let report = await runDoctor(globals);
    if (input.fix) {
      const { applyFixes } = await import("./doctor-checks");
      if (await applyFixes(report, globals)) report = await runDoctor(globals);
    }
    if (globals.output === "table") {
      process.stdout.write(`${renderDoctor(report, input.spotlight)}\n`);
    } else {
      const { printResult } = await import("../output");
      await printResult(doctorJson(report, input.spotlight ? spotlight(report.checks) : report.checks), globals.output);
    }
    if (!report.ok) process.exitCode = ExitCode.runtime;
  },
});
