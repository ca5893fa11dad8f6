import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { GlobalOptions } from "../globals";
import { cliAiAccess } from "./ai-access";

const globals: GlobalOptions = { output: "table", yes: false, dryRun: false, all: false, debug: false };

describe("whether a model is configured (the panel's 'Write the rule')", () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), "clerk-ai-status-"));
    for (const name of Object.keys(process.env).filter((key) => /^(CLERK_|OPENAI_|ANTHROPIC_)/.test(key))) {
      vi.stubEnv(name, undefined);
    }
    vi.stubEnv("CLERK_CONFIG_DIR", home);
    vi.stubEnv("CLERK_CREDENTIAL_STORE", "file");
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    rmSync(home, { recursive: true, force: true });
  });

  test("none: not available, with the settings that would make one", async () => {
    const status = await cliAiAccess(globals).status?.();
    expect(status).toMatchObject({ available: false, message: "No AI model is configured for writing rules." });
    expect(status?.available === false && status.hint).toContain("OPENAI_API_KEY");
  });

  test("a key in the environment: the provider and model, never the key", async () => {
    vi.stubEnv("OPENAI_API_KEY", "sk-test-status-0123456789");
    const status = await cliAiAccess(globals).status?.();
    expect(status).toEqual({ available: true, provider: "openai", model: "gpt-4.1-mini" });
  });

  test("a `!command` key counts as set and is not run to find out", async () => {
    const marker = join(home, "ran");
    writeFileSync(join(home, "config.ini"), `[default]\nai.anthropic.key = !touch ${marker}; echo sk-ant\n`);
    const status = await cliAiAccess(globals).status?.();
    expect(status).toMatchObject({ available: true, provider: "anthropic" });
    expect(existsSync(marker)).toBe(false);
  });
});
