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

/**
 * zod's 60-odd translations of its error messages are half of its bundled size (≈370 of 750 KB),
 * compiled on every start-up. The CLI speaks English only (en is imported by zod itself), so
 * `z.locales` is left empty.
 */
const englishOnlyZod = {
  name: "english-only-zod",
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      args.importer.includes("/node_modules/zod/") ? { path: "zod-locales", namespace: "english-only-zod" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "english-only-zod" }, () => ({ contents: "export {};", loader: "js" }));
  },
};

const cliOptions = {
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  plugins: [externalUnlessBundled, englishOnlyZod],
  define: { __CLERK_VERSION__: JSON.stringify(pkg.version) },
  logLevel: "warning",
};

if (!only || only === "cli") {
  rmSync(new URL("../dist/cli", import.meta.url), { recursive: true, force: true });
  await build({ ...cliOptions, entryPoints: ["cli/main.ts"], outdir: "dist/cli", splitting: true, sourcemap: true });

  // dist/cli/commands.json: every command's id, summary and options, so `--help`, group help,
  // command lookup and shell completion need not load every command's schemas (cli/main.ts falls
  // back to loading them all). dist/cli/endpoints.json: the operations of Clerk's OpenAPI
  // documents, for `clerk api ls` (offline, without parsing 25,000 lines of YAML per run).
  const scratch = new URL(`../dist/.commands-manifest-${process.pid}/`, import.meta.url);
  mkdirSync(scratch, { recursive: true });
  try {
    await build({
      ...cliOptions,
      entryPoints: ["cli/manifest.ts", "cli/commands/index.ts", "cli/api/endpoints.ts"],
      outdir: scratch.pathname,
      outExtension: { ".js": ".mjs" },
      splitting: true,
    });
    const load = (name) => import(new URL(name, scratch).href);
    const [{ commandManifest }, { allCommands }, { endpointsOf, OPENAPI_DOCUMENTS }] = await Promise.all([
      load("manifest.mjs"),
      load("commands/index.mjs"),
      load("api/endpoints.mjs"),
    ]);
    writeFileSync(
      new URL("../dist/cli/commands.json", import.meta.url),
      `${JSON.stringify(commandManifest(await allCommands()))}\n`,
    );

    const { parse } = await import("yaml");
    const endpoints = Object.entries(OPENAPI_DOCUMENTS).flatMap(([api, file]) =>
      endpointsOf(api, parse(readFileSync(new URL(`../shared/clerk-openapi/${file}`, import.meta.url), "utf8"))),
    );
    writeFileSync(new URL("../dist/cli/endpoints.json", import.meta.url), `${JSON.stringify(endpoints)}\n`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (!only || only === "web") {
  await buildPanel({ configFile: new URL("../vite.config.ts", import.meta.url).pathname, logLevel: "warn" });
}
