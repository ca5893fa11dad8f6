// Builds the CLI (esbuild, code-split so each command loads only what it needs) and the panel (Vite).
import { readFileSync, rmSync } from "node:fs";
import { build } from "esbuild";
import { build as buildPanel } from "vite";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const only = process.argv[2];

if (!only || only === "cli") {
  rmSync(new URL("../dist/cli", import.meta.url), { recursive: true, force: true });
  await build({
    entryPoints: ["cli/main.ts"],
    outdir: "dist/cli",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    sourcemap: true,
    define: { __CLERK_VERSION__: JSON.stringify(pkg.version) },
    logLevel: "warning",
  });
}

if (!only || only === "web") {
  await buildPanel({ configFile: new URL("../vite.config.ts", import.meta.url).pathname, logLevel: "warn" });
}
