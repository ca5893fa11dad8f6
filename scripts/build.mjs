// Builds the CLI (esbuild, code-split so each command loads only what it needs) and the panel (Vite).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { build } from "esbuild";
import { build as buildPanel } from "vite";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const only = process.argv[2];

/**
 * Small pure-JS packages that most commands load are bundled into dist/cli: Node's ESM loader
 * resolving, reading and linking each file costs more start-up time than the code itself (zod
 * alone is 95 files). Everything else stays an installed dependency: native modules, the server
 * (fastify), and packages loaded only now and then (yaml, cli-table3, open, prompts…). Only add
 * packages here that never `require()` anything (esbuild's ESM output cannot).
 */
const BUNDLED = new Set(["zod", "picocolors", "env-paths", "is-safe-filename", "ini", "cac"]);
const packageName = (path) =>
  path
    .split("/")
    .slice(0, path.startsWith("@") ? 2 : 1)
    .join("/");
const externalUnlessBundled = {
  name: "external-unless-bundled",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      BUNDLED.has(packageName(args.path)) ? undefined : { path: args.path, external: true },
    );
  },
};

const cliOptions = {
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  plugins: [externalUnlessBundled],
  define: { __CLERK_VERSION__: JSON.stringify(pkg.version) },
  logLevel: "warning",
};

if (!only || only === "cli") {
  rmSync(new URL("../dist/cli", import.meta.url), { recursive: true, force: true });
  await build({ ...cliOptions, entryPoints: ["cli/main.ts"], outdir: "dist/cli", splitting: true, sourcemap: true });

  // dist/cli/commands.json: every command's id, summary and first example, so `--help`, group help and command
  // lookup need not load every command's schemas (cli/main.ts falls back to loading them all).
  const scratch = new URL(`../dist/.commands-manifest-${process.pid}/`, import.meta.url);
  mkdirSync(scratch, { recursive: true });
  try {
    await build({
      ...cliOptions,
      entryPoints: ["cli/commands/index.ts"],
      outfile: new URL("index.mjs", scratch).pathname,
    });
    const { allCommands } = await import(new URL("index.mjs", scratch).href);
    const manifest = allCommands().map((command) => ({
      id: command.id,
      summary: command.summary,
      examples: command.examples.slice(0, 1),
    }));
    writeFileSync(new URL("../dist/cli/commands.json", import.meta.url), `${JSON.stringify(manifest)}\n`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (!only || only === "web") {
  await buildPanel({ configFile: new URL("../vite.config.ts", import.meta.url).pathname, logLevel: "warn" });
}
