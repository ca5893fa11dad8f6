import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { UsageError } from "../errors";
import { findUp } from "../settings/find-up";

/** The frameworks whose publishable-key variable differs; `other` covers Remix, React Router, Express, … */
export const FRAMEWORKS = ["next", "vite", "astro", "expo", "other"] as const;
export type Framework = (typeof FRAMEWORKS)[number];

/** The variable each framework exposes to browser code (its prefix is what makes it public). */
export const PUBLISHABLE_KEY_VARS: Record<Framework, string> = {
  next: "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY",
  vite: "VITE_CLERK_PUBLISHABLE_KEY",
  astro: "PUBLIC_CLERK_PUBLISHABLE_KEY",
  expo: "EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY",
  other: "CLERK_PUBLISHABLE_KEY",
};

export const SECRET_KEY_VAR = "CLERK_SECRET_KEY";

/** The project directory: the nearest one with a package.json (see findUp). */
export function findProjectDir(cwd: string): string | undefined {
  const file = findUp("package.json", cwd);
  return file ? dirname(file) : undefined;
}

/**
 * The framework from package.json's dependencies. Order matters: Remix and React Router's
 * framework mode build with Vite but read `CLERK_PUBLISHABLE_KEY` on the server, and
 * Clerk's own SDK packages are as good a sign as the framework itself.
 */
export function detectFramework(projectDir: string | undefined): { framework: Framework; evidence?: string } {
  if (!projectDir) return { framework: "other" };
  const file = join(projectDir, "package.json");
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(
      `Cannot read ${file}: ${(error as Error).message}`,
      "Fix it, or pass --framework next|vite|astro|expo|other.",
    );
  }
  const names = new Set(
    ["dependencies", "devDependencies", "peerDependencies"].flatMap((key) =>
      Object.keys((pkg[key] as Record<string, unknown> | undefined) ?? {}),
    ),
  );
  const rules: [Framework, (name: string) => boolean][] = [
    ["next", (n) => n === "next" || n === "@clerk/nextjs"],
    ["expo", (n) => n === "expo" || n === "@clerk/clerk-expo" || n === "@clerk/expo"],
    ["astro", (n) => n === "astro" || n === "@clerk/astro"],
    [
      "other",
      (n) =>
        n.startsWith("@remix-run/") ||
        n.startsWith("@react-router/") ||
        n === "@clerk/remix" ||
        n === "@clerk/react-router",
    ],
    ["vite", (n) => n === "vite" || n.startsWith("@vitejs/")],
  ];
  for (const [framework, matches] of rules) {
    const evidence = [...names].find(matches);
    if (evidence) return { framework, evidence };
  }
  return { framework: "other" };
}

/**
 * The env file to write: an existing `.env.local`, else an existing `.env`, else a new
 * `.env.local` for frameworks that load it (Next.js, Vite, Astro; their templates git-ignore
 * it), `.env` for the rest.
 */
export function defaultEnvFile(projectDir: string, framework: Framework): string {
  for (const name of [".env.local", ".env"]) {
    if (existsSync(join(projectDir, name))) return join(projectDir, name);
  }
  return join(projectDir, ["next", "vite", "astro"].includes(framework) ? ".env.local" : ".env");
}
