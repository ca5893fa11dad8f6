// Where a CLI command spends its time: runs it N times under `node --cpu-prof` and prints the
// mean self time per module (CLI chunk, package, Node internal) and the heaviest call paths.
//
//   node e2e/perf/profile.mjs [--runs=5] [--top=25] -- users list --json
//
// Uses bin/clerk.js and the environment as given (set CLERK_API_URL / CLERK_SECRET_KEY for
// commands that call Clerk). Build first (`npm run build`).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI } from "./lib.mjs";

const split = process.argv.indexOf("--");
const options = process.argv.slice(2, split === -1 ? undefined : split);
const command = split === -1 ? ["--help"] : process.argv.slice(split + 1);
const option = (/** @type {string} */ name, /** @type {number} */ fallback) =>
  Number(options.find((o) => o.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const runs = option("runs", 5);
const top = option("top", 25);

/** Groups a profile node's script into what a person would change. @param {string} url */
function category(url) {
  if (!url) return "(native / GC / idle)";
  if (url.includes("/dist/cli/")) return `cli ${url.split("/").pop()}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `package ${pkg[1]}`;
  if (url.startsWith("node:internal/deps/undici")) return "node: undici (fetch)";
  if (url.startsWith("node:internal/modules")) return "node: module loader";
  if (url.startsWith("node:")) return `node: ${url.slice(5).split("/").slice(0, 2).join("/")}`;
  return url;
}

const dir = mkdtempSync(join(tmpdir(), "clerk-profile-"));
try {
  for (let i = 0; i < runs; i++) {
    const result = spawnSync(
      process.execPath,
      ["--cpu-prof", "--cpu-prof-interval", "250", `--cpu-prof-dir=${dir}`, CLI, ...command],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    if (result.status !== 0) process.stderr.write(`run ${i + 1} exited ${result.status}: ${result.stderr}\n`);
  }
  /** @type {Map<string, number>} */
  const self = new Map();
  /** @type {Map<string, number>} */
  const inclusive = new Map();
  let span = 0;
  const files = readdirSync(dir);
  for (const file of files) {
    const profile = JSON.parse(readFileSync(join(dir, file), "utf8"));
    span += (profile.endTime - profile.startTime) / 1000;
    const nodes = new Map(profile.nodes.map((/** @type {any} */ n) => [n.id, n]));
    const parent = new Map();
    for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
    profile.samples.forEach((/** @type {number} */ id, /** @type {number} */ i) => {
      const ms = (profile.timeDeltas[i] ?? 0) / 1000;
      const frame = nodes.get(id).callFrame;
      const own = frame.url ? category(frame.url) : `(${frame.functionName})`;
      self.set(own, (self.get(own) ?? 0) + ms);
      const seen = new Set();
      for (let at = id; at !== undefined; at = parent.get(at)) {
        const f = nodes.get(at).callFrame;
        if (!f.url) continue;
        const key = `${f.functionName || "(top level)"} ${f.url.replace(/^.*\/(node_modules|dist\/cli)\//, "$1/")}:${f.lineNumber + 1}`;
        if (seen.has(key)) continue;
        seen.add(key);
        inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
      }
    });
  }
  const n = files.length || 1;
  const print = (/** @type {Map<string, number>} */ map) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .forEach(([key, ms]) => {
        console.log(`${(ms / n).toFixed(1).padStart(8)} ms  ${key}`);
      });
  console.log(`clerk ${command.join(" ")}: ${files.length} profiles, mean span ${(span / n).toFixed(0)} ms\n`);
  console.log("Self time by module (mean per run):");
  print(self);
  console.log("\nInclusive time by function (mean per run):");
  print(inclusive);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
