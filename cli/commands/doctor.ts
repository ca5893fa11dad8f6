import { z } from "zod";
import { defineCommand } from "../command";
import { ExitCode } from "../errors";

export const doctorCommand = defineCommand({
  id: "doctor",
  summary: "Check the setup: config, profile, credential store, Backend API, login, Platform API",
  description:
    "Reports where the configuration lives, the active profile and where each setting comes from (secrets masked), " +
    "which credential store is used and why, whether the Backend API accepts the configured key, whether the login " +
    "and the Platform API work, and the Node.js version. Exits 1 when something needed fails, with the fix.",
  input: z.object({}),
  examples: ["clerk doctor", "clerk doctor --json", "clerk doctor --profile work"],
  async run(_input, globals) {
    const { doctorJson, runDoctor, renderDoctor } = await import("./doctor-checks");
    const report = await runDoctor(globals);
    if (globals.output === "table") {
      process.stdout.write(`${renderDoctor(report)}\n`);
    } else {
      const { printResult } = await import("../output");
      await printResult(doctorJson(report), globals.output);
    }
    if (!report.ok) process.exitCode = ExitCode.runtime;
  },
});
