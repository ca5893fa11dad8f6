// `npm run bench`: start-up, `clerk ui`, panel weight, proxy overhead, scale and install size,
// printed as ONE table. Every timed figure is the median of repeated runs and comes with a
// ratio to a baseline measured in the same run (interleaved with it, so machine load hits
// both alike). Results are appended to e2e/perf/RESULTS.md. No assertions: goals are reported.
//
//   node e2e/perf/bench.mjs [--no-build] [--only=startup,ui,weight,proxy,scale,install]
//
// Every process and temp dir it starts is removed at the end, on failure and on Ctrl-C.
import { spawn, spawnSync } from "node:child_process";
import {
  appendFileSync,
  closeSync,
  cpSync,
  existsSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { cpus, loadavg, platform, release, totalmem } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import {
  cleanupAll,
  cleanupScope,
  createRunner,
  kb,
  mb,
  median,
  msText,
  onCleanup,
  percentile,
  ROOT,
  readPeakRssKb,
  since,
  startJsonChild,
  stopChild,
  tempDir,
} from "./lib.mjs";

const BENCH_START = process.hrtime.bigint();
/** Soft budget for the whole run; sections shrink their repetitions to stay inside it. */
const BUDGET_MS = Number(process.env.BENCH_BUDGET_MS ?? 270_000);
const remainingMs = () => BUDGET_MS - since(BENCH_START);

const args = process.argv.slice(2);
const only = args
  .find((a) => a.startsWith("--only="))
  ?.slice("--only=".length)
  .split(",");
const wants = (/** @type {string} */ section) => !only || only.includes(section);

/** Chromium as playwright.config.ts launches it (Debian's build, kept off the network). */
const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

/**
 * @typedef {{
 *   area: string, metric: string, value: number | undefined, unit: "ms" | "bytes" | "count" | "ops/s" | "kb-rss",
 *   baseline?: string, baselineValue?: number, ratio?: number, goal?: string, pass?: boolean, runs?: string, note?: string
 * }} Row
 */
/** @type {Row[]} */
const rows = [];
/** @type {string[]} */
const notes = [];
/** @type {string[]} */
const failures = [];

/** The CLI and build under test: a private copy of dist/ (see snapshotBuild). */
let CLI = join(ROOT, "bin", "clerk.js");
let DIST = join(ROOT, "dist");

/**
 * Copies the build (dist/, bin/, package.json; node_modules linked) to a temp dir and runs it from
 * there, so another `npm run build` or test run rebuilding dist/ in the meantime cannot break or
 * change the measurements. Retries while dist/ is being rewritten.
 */
async function snapshotBuild() {
  for (let attempt = 1; ; attempt++) {
    const { dir, remove } = tempDir("build");
    try {
      cpSync(join(ROOT, "dist"), join(dir, "dist"), { recursive: true });
      cpSync(join(ROOT, "bin"), join(dir, "bin"), { recursive: true });
      cpSync(join(ROOT, "package.json"), join(dir, "package.json"));
      symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
      const html = readFileSync(join(dir, "dist", "web", "index.html"), "utf8");
      const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1] ?? "");
      const complete =
        ["cli/main.js"].every((f) => existsSync(join(dir, "dist", f))) &&
        assets.every((a) => existsSync(join(dir, "dist", "web", a)));
      if (!complete) throw new Error("dist/ is incomplete (being rebuilt?)");
      CLI = join(dir, "bin", "clerk.js");
      DIST = join(dir, "dist");
      return;
    } catch (error) {
      await remove();
      if (attempt >= 5) throw new Error(`could not copy a complete dist/: ${/** @type {Error} */ (error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}

const log = (/** @type {string} */ text) =>
  process.stderr.write(`[bench ${(since(BENCH_START) / 1000).toFixed(0)}s] ${text}\n`);

/** An environment with no user config: HOME, config and data dirs in a temp dir. @param {string} home */
function cliEnv(home, extra = {}) {
  return {
    PATH: process.env.PATH,
    HOME: home,
    CLERK_CONFIG_DIR: join(home, "config"),
    XDG_CONFIG_HOME: join(home, ".config"),
    XDG_DATA_HOME: join(home, ".local", "share"),
    XDG_CACHE_HOME: join(home, ".cache"),
    XDG_RUNTIME_DIR: join(home, "run"),
    CLERK_CREDENTIAL_STORE: "file",
    NO_COLOR: "1",
    ...extra,
  };
}

/** Launch code → session cookie: follows the printed link once, like the browser does. @param {string} launchUrl */
async function redeem(launchUrl) {
  const response = await fetch(launchUrl, { redirect: "manual" });
  await response.arrayBuffer();
  if (response.status !== 303) throw new Error(`launch link answered ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const location = new URL(response.headers.get("location") ?? "/", launchUrl).href;
  return { cookie, location };
}

// ---------------------------------------------------------------------------------------------
// 1. CLI start-up
// ---------------------------------------------------------------------------------------------
async function startup() {
  const sectionStart = process.hrtime.bigint();
  const { dir: home } = tempDir("startup");
  const runner = await createRunner();
  const sandbox = await startJsonChild(
    [CLI, "sandbox", "--port", "0", "--json", "--no-rate-limits", "--seed", "demo", "--data", join(home, "sandbox")],
    { env: cliEnv(home), cwd: home },
  );
  try {
    const env = cliEnv(home, {
      CLERK_API_URL: sandbox.info.url,
      CLERK_SECRET_KEY: sandbox.info.development.secret_key,
    });
    const options = { env, cwd: home };
    const cases = [
      { key: "node", argv: [process.execPath, "-e", "0"] },
      { key: "version", argv: [process.execPath, CLI, "--version"] },
      { key: "help", argv: [process.execPath, CLI, "--help"] },
      { key: "list", argv: [process.execPath, CLI, "users", "list", "--json"] },
    ];
    // Sanity: the list really lists (and warms the OS file cache with everything the CLI loads).
    const check = spawnSync(process.execPath, [CLI, "users", "list", "--json"], { ...options, encoding: "utf8" });
    const listed = check.status === 0 ? JSON.parse(check.stdout).data?.length : undefined;
    if (listed !== 10) throw new Error(`clerk users list --json did not list 10 users: ${check.stderr}`);
    for (const c of cases) await runner.run(c.argv, options);

    /** @type {Record<string, { wall: number[], cpu: number[] }>} */
    const times = Object.fromEntries(cases.map((c) => [c.key, { wall: [], cpu: [] }]));
    const maxRounds = Number(process.env.BENCH_STARTUP_ROUNDS ?? 30);
    for (let round = 0; round < maxRounds; round++) {
      // Rotate the order each round so no command always runs right after another.
      for (let i = 0; i < cases.length; i++) {
        const c = /** @type {(typeof cases)[number]} */ (cases[(i + round) % cases.length]);
        const { wallMs, cpuMs } = await runner.run(c.argv, options);
        times[c.key]?.wall.push(wallMs);
        times[c.key]?.cpu.push(cpuMs);
      }
      if (round >= 6 && (since(sectionStart) > 30_000 || remainingMs() < 220_000)) break;
    }
    const base = median(times.node?.wall ?? []);
    const baseCpu = median(times.node?.cpu ?? []);
    const n = times.node?.wall.length ?? 0;
    const row = (/** @type {string} */ key, /** @type {string} */ metric, /** @type {number | undefined} */ goal) => {
      const t = times[key] ?? { wall: [], cpu: [] };
      const value = median(t.wall);
      const cpu = median(t.cpu);
      rows.push({
        area: "CLI start-up",
        metric,
        value,
        unit: "ms",
        baseline: "node -e 0",
        baselineValue: base,
        ratio: value / base,
        ...(goal ? { goal: `≤ ${goal}×`, pass: value / base <= goal } : {}),
        ...(runner.cpu ? { note: `CPU ${msText(cpu)} vs ${msText(baseCpu)} = ${(cpu / baseCpu).toFixed(2)}×` } : {}),
        runs: `${n} runs, min ${msText(Math.min(...t.wall))}`,
      });
    };
    row("version", "clerk --version", 1.5);
    row("help", "clerk --help", undefined);
    row("list", "clerk users list --json (demo sandbox)", 2.5);
    notes.push(
      "Start-up: wall time from spawn to exit, runs of all four commands interleaved (order rotated each round); " +
        "HOME, CLERK_CONFIG_DIR and XDG dirs point to an empty temp dir, cwd has no .env. " +
        (runner.cpu
          ? "CPU = user + sys of the child (wait4), which other load on the machine inflates far less than wall time."
          : ""),
    );
  } finally {
    await sandbox.stop();
    await runner.close();
  }
}

// ---------------------------------------------------------------------------------------------
// 2. `clerk ui`: start → first 200, and → users table in Chromium
// ---------------------------------------------------------------------------------------------
const BARE_SERVER = `
const http = require("node:http");
const page = '<!doctype html><title>bare</title><table data-testid="data-table"><tbody><tr><td>ok</td></tr></tbody></table>';
const server = http.createServer((request, response) => { response.setHeader("content-type", "text/html"); response.end(page); });
server.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ url: "http://127.0.0.1:" + server.address().port + "/" })));
`;

async function ui() {
  const sectionStart = process.hrtime.bigint();
  const { dir: home } = tempDir("ui");
  const env = cliEnv(home);
  let fresh = 0;
  /** `clerk ui` on a new data dir (creates the sandbox: RSA keys, demo seed) or on one created before. */
  const uiArgs = (/** @type {"fresh" | "existing"} */ data) => [
    CLI,
    "ui",
    "--sandbox",
    "--no-open",
    "--port",
    "0",
    "--json",
    "--data",
    join(home, data === "fresh" ? `fresh-${fresh++}` : "existing"),
  ];

  /** @type {import("@playwright/test").Browser | undefined} */
  let browser;
  let closeBrowser = async () => {};
  if (existsSync(CHROMIUM.executablePath)) {
    const { chromium } = await import("@playwright/test");
    const launched = await chromium.launch({
      headless: true,
      ...CHROMIUM,
      // Our own signal handler closes the browser along with everything else.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    browser = launched;
    closeBrowser = onCleanup(() => launched.close());
  } else {
    notes.push(`Chromium not found at ${CHROMIUM.executablePath}: the browser rows are skipped.`);
  }

  /** Start → JSON line → redeem the launch code → first 200 on the page it redirects to. */
  const firstOk = async (/** @type {"fresh" | "existing"} */ data) => {
    const panel = await startJsonChild(uiArgs(data), { env, cwd: home });
    const jsonAt = since(panel.started);
    const { cookie, location } = await redeem(panel.info.launch_url);
    const response = await fetch(location, { headers: { cookie } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`clerk ui answered ${response.status} on ${location}`);
    const okAt = since(panel.started);
    await panel.stop();
    return { jsonAt, okAt };
  };

  /** @type {Record<string, number[]>} */
  const t = { bare: [], json: [], ok: [], freshJson: [], freshOk: [], bareBrowser: [], uiBrowser: [], uiNav: [] };
  const rounds = Number(process.env.BENCH_UI_ROUNDS ?? 8);
  for (let round = 0; round <= rounds; round++) {
    if (round === 0) {
      // Creates the "existing" data dir and warms the OS caches and the bench's own fetch.
      await firstOk("existing");
      continue;
    }
    const push = (/** @type {string} */ key, /** @type {number} */ ms) => t[key]?.push(ms);
    // Bare Node HTTP server: start → first 200.
    const bare = await startJsonChild(["-e", BARE_SERVER], { env, cwd: home });
    const response = await fetch(bare.info.url);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`bare server answered ${response.status}`);
    push("bare", since(bare.started));
    await bare.stop();

    const existing = await firstOk("existing");
    push("json", existing.jsonAt);
    push("ok", existing.okAt);
    const created = await firstOk("fresh");
    push("freshJson", created.jsonAt);
    push("freshOk", created.okAt);

    if (browser) {
      // Same in Chromium: start → the page shows a table row (existing sandbox data).
      for (const which of ["bare", "ui"]) {
        const context = await browser.newContext();
        try {
          const page = await context.newPage();
          const child =
            which === "bare"
              ? await startJsonChild(["-e", BARE_SERVER], { env, cwd: home })
              : await startJsonChild(uiArgs("existing"), { env, cwd: home });
          const navStart = process.hrtime.bigint();
          await page.goto(which === "bare" ? child.info.url : child.info.launch_url);
          await page.waitForSelector("[data-testid=data-table] tbody tr", { timeout: 30_000 }).catch(async (error) => {
            throw new Error(
              `${which}: no table row at ${page.url()} (${error.message.split("\n")[0]}): ${(await page.content()).slice(0, 300)}`,
            );
          });
          push(which === "bare" ? "bareBrowser" : "uiBrowser", since(child.started));
          if (which === "ui") push("uiNav", since(navStart));
          await child.stop();
        } finally {
          await context.close();
        }
      }
    }
    if (round >= 3 && (since(sectionStart) > 35_000 || remainingMs() < 175_000)) break;
  }
  await closeBrowser();

  const n = t.ok?.length ?? 0;
  const bareHttp = median(t.bare ?? []);
  const http = {
    unit: /** @type {const} */ ("ms"),
    baseline: "bare node:http server → first 200",
    baselineValue: bareHttp,
  };
  const add = (/** @type {string} */ metric, /** @type {string} */ key, goal = false) => {
    const value = median(t[key] ?? []);
    rows.push({
      area: "clerk ui",
      metric,
      value,
      ...http,
      ratio: value / bareHttp,
      ...(goal ? { goal: "≤ 400 ms", pass: value <= 400 } : {}),
      runs: `${n} runs, min ${msText(Math.min(...(t[key] ?? [])))}`,
    });
  };
  add("start → JSON line (listening), existing sandbox data", "json");
  add("start → first 200 on / after redeeming the launch code, existing data", "ok", true);
  add("start → first 200 on /, fresh data dir (creates + seeds the sandbox)", "freshOk", true);
  if (browser) {
    const bareBrowser = median(t.bareBrowser ?? []);
    const value = median(t.uiBrowser ?? []);
    rows.push({
      area: "clerk ui",
      metric: "start → users table row visible in Chromium, existing data",
      value,
      unit: "ms",
      baseline: "bare server + the same table in Chromium",
      baselineValue: bareBrowser,
      ratio: value / bareBrowser,
      note: `goto(launch link) → row ${msText(median(t.uiNav ?? []))}`,
      runs: `${n} runs, min ${msText(Math.min(...(t.uiBrowser ?? [])))}`,
    });
  }
  notes.push(
    "clerk ui: `clerk ui --sandbox --no-open --port 0 --json`; first 200 = spawn → JSON line → GET launch link (303 + " +
      "cookie) → GET / with the cookie answers 200 (the code is single-use, so the page after redeeming it is what is " +
      "timed). Existing data = a data dir created by an earlier run (the usual case); fresh = a new one each time.",
  );
}

// ---------------------------------------------------------------------------------------------
// 3. Panel weight: what index.html loads first
// ---------------------------------------------------------------------------------------------
function weight() {
  const webDir = join(DIST, "web");
  const html = readFileSync(join(webDir, "index.html"), "utf8");
  const refs = [
    ...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="(?:stylesheet|modulepreload)"[^>]*href="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*href="([^"]+)"[^>]*rel="(?:stylesheet|modulepreload)"/g),
  ].map((m) => /** @type {string} */ (m[1]));
  const files = [...new Set(refs)].filter((ref) => /\.(m?js|css)$/.test(ref));
  const sizes = { js: { raw: 0, gzip: 0 }, css: { raw: 0, gzip: 0 } };
  for (const ref of files) {
    const bytes = readFileSync(join(webDir, ref.replace(/^\//, "")));
    const kind = ref.endsWith(".css") ? sizes.css : sizes.js;
    kind.raw += bytes.length;
    kind.gzip += gzipSync(bytes).length;
  }
  const preact = readFileSync(
    join(
      ROOT,
      "node_modules",
      "preact",
      "dist",
      existsSync(join(ROOT, "node_modules", "preact", "dist", "preact.mjs")) ? "preact.mjs" : "preact.module.js",
    ),
  );
  const preactGzip = gzipSync(preact).length;
  const total = sizes.js.gzip + sizes.css.gzip;
  const base = { baseline: "preact runtime alone (gzip)", baselineValue: preactGzip, runs: "exact" };
  rows.push({
    area: "Panel weight",
    metric: `first-load JS raw (${files.filter((f) => !f.endsWith(".css")).length} file)`,
    value: sizes.js.raw,
    unit: "bytes",
    ...base,
    ratio: sizes.js.raw / preactGzip,
  });
  rows.push({
    area: "Panel weight",
    metric: "first-load JS gzip",
    value: sizes.js.gzip,
    unit: "bytes",
    ...base,
    ratio: sizes.js.gzip / preactGzip,
  });
  rows.push({
    area: "Panel weight",
    metric: "first-load CSS gzip",
    value: sizes.css.gzip,
    unit: "bytes",
    ...base,
    ratio: sizes.css.gzip / preactGzip,
    note: `raw ${kb(sizes.css.raw)}`,
  });
  rows.push({
    area: "Panel weight",
    metric: "first-load JS + CSS gzip",
    value: total,
    unit: "bytes",
    ...base,
    ratio: total / preactGzip,
    goal: "≤ 60 KB",
    pass: total <= 60 * 1024,
  });
  notes.push(`Panel first load = ${files.join(", ")} (from dist/web/index.html); gzip = zlib default level.`);
}

// ---------------------------------------------------------------------------------------------
// 4. Proxy overhead: panel API route vs the same calls straight to the sandbox
// ---------------------------------------------------------------------------------------------
/** Runs the load generator in its own process. @param {object} spec */
function loadRun(spec) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "e2e", "perf", "load.mjs"), JSON.stringify(spec)], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const stop = onCleanup(() => stopChild(child));
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.stderr.on("data", (chunk) => {
      err += chunk;
    });
    child.on("exit", async (code) => {
      await stop();
      if (code !== 0) return reject(new Error(`load generator exited ${code}: ${err}`));
      const result = JSON.parse(out);
      if (result.errors) return reject(new Error(`load generator saw ${result.errors} errors: ${result.firstError}`));
      resolve(result);
    });
  });
}

async function proxy() {
  const { dir: home } = tempDir("proxy");
  const panel = await startJsonChild(
    [CLI, "ui", "--sandbox", "--no-open", "--port", "0", "--json", "--data", join(home, "sandbox")],
    { env: cliEnv(home), cwd: home },
  );
  try {
    const { cookie } = await redeem(panel.info.launch_url);
    const sandboxUrl = panel.info.sandbox_url;
    const secret = (await (await fetch(`${sandboxUrl}/__sandbox/info`)).json()).development.secret_key;
    const panelTarget = {
      url: `${panel.info.url}/api/actions/users.list`,
      method: "POST",
      headers: { "content-type": "application/json", "x-clerk-ui": "1", cookie },
      body: JSON.stringify({ limit: 10 }),
    };
    const auth = { authorization: `Bearer ${secret}` };
    // Exactly what users.list sends upstream, in parallel: the page and the count.
    const directTargets = [
      { url: `${sandboxUrl}/v1/users?order_by=-created_at&limit=10&offset=0`, headers: auth },
      { url: `${sandboxUrl}/v1/users/count`, headers: auth },
    ];
    const check = await fetch(panelTarget.url, panelTarget);
    const body = await check.json();
    if (check.status !== 200 || body.output?.data?.length !== 10) {
      throw new Error(`panel users.list: ${check.status} ${JSON.stringify(body).slice(0, 200)}`);
    }

    for (const concurrency of [1, 16]) {
      /** @type {{ direct: any[], panel: any[] }} */
      const results = { direct: [], panel: [] };
      const rounds = Number(process.env.BENCH_PROXY_ROUNDS ?? 3);
      for (let round = 0; round < rounds; round++) {
        for (const mode of round % 2 ? ["panel", "direct"] : ["direct", "panel"]) {
          const spec = {
            targets: mode === "panel" ? [panelTarget] : directTargets,
            concurrency,
            warmupOps: 1000,
            warmupMs: 600,
            maxOps: 20_000,
            maxMs: remainingMs() < 140_000 ? 1000 : 1500,
          };
          results[/** @type {"direct" | "panel"} */ (mode)].push(await loadRun(spec));
        }
      }
      const med = (/** @type {"direct" | "panel"} */ mode, /** @type {string} */ key) =>
        median(results[mode].map((r) => r[key]));
      const ops = `${rounds} rounds × ≤1.5 s after 0.6 s warm-up, ${Math.round(med("panel", "ops"))} panel ops each`;
      const base = "sandbox direct: GET /v1/users + /v1/users/count in parallel";
      const p50 = med("panel", "p50");
      const p50Direct = med("direct", "p50");
      rows.push({
        area: `Proxy (c=${concurrency})`,
        metric: "users.list p50 latency",
        value: p50,
        unit: "ms",
        baseline: base,
        baselineValue: p50Direct,
        ratio: p50 / p50Direct,
        goal: concurrency === 1 ? "overhead ≤ 1 ms" : undefined,
        pass: concurrency === 1 ? p50 - p50Direct <= 1 : undefined,
        note: `overhead ${(p50 - p50Direct).toFixed(2)} ms`,
        runs: ops,
      });
      rows.push({
        area: `Proxy (c=${concurrency})`,
        metric: "users.list p99 latency",
        value: med("panel", "p99"),
        unit: "ms",
        baseline: base,
        baselineValue: med("direct", "p99"),
        ratio: med("panel", "p99") / med("direct", "p99"),
        note: `overhead ${(med("panel", "p99") - med("direct", "p99")).toFixed(2)} ms`,
        runs: ops,
      });
      rows.push({
        area: `Proxy (c=${concurrency})`,
        metric: "users.list throughput",
        value: med("panel", "opsPerSec"),
        unit: "ops/s",
        baseline: base,
        baselineValue: med("direct", "opsPerSec"),
        ratio: med("panel", "opsPerSec") / med("direct", "opsPerSec"),
        runs: ops,
      });
    }
    notes.push(
      "Proxy: one op = POST /api/actions/users.list {limit:10} on the panel (which makes both upstream calls), " +
        "vs the two upstream calls made directly on the embedded sandbox (same process, same data). Load comes from a " +
        "separate Node process (fetch, keep-alive, closed loop) on the same 2 cores as the server.",
    );
  } finally {
    await panel.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// 5. Scale: 100,000 users / 5,000 orgs vs 1,000 / 50
// ---------------------------------------------------------------------------------------------
/** @param {string} url @param {Record<string, string>} headers */
async function timedGet(url, headers) {
  const start = process.hrtime.bigint();
  const response = await fetch(url, { headers });
  const body = await response.text();
  const ms = since(start);
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${body.slice(0, 200)}`);
  return { ms, body };
}

/**
 * Runs `clerk users list --all --json > /dev/null`: wall time, the CLI's peak RSS and (with the
 * rusage helper) its CPU time. Without python3, /usr/bin/time or polling VmHWM gives the peak.
 * @param {Awaited<ReturnType<typeof createRunner>>} runner @param {NodeJS.ProcessEnv} env @param {string} cwd
 */
async function streamAll(runner, env, cwd) {
  const argv = [CLI, "users", "list", "--all", "--json"];
  if (runner.cpu) {
    const { wallMs, cpuMs, maxRssKb } = await runner.run([process.execPath, ...argv], { env, cwd });
    return { ms: wallMs, cpuMs, peakKb: maxRssKb };
  }
  const devNull = openSync("/dev/null", "w");
  const useTime = existsSync("/usr/bin/time");
  const rssFile = join(cwd, `rss-${Date.now()}.txt`);
  const start = process.hrtime.bigint();
  const child = useTime
    ? spawn("/usr/bin/time", ["-f", "%M", "-o", rssFile, process.execPath, ...argv], {
        env,
        cwd,
        stdio: ["ignore", devNull, "pipe"],
      })
    : spawn(process.execPath, argv, { env, cwd, stdio: ["ignore", devNull, "pipe"] });
  const stop = onCleanup(() => stopChild(child));
  let peakKb = 0;
  const poll = useTime
    ? undefined
    : setInterval(async () => {
        peakKb = Math.max(peakKb, (child.pid && (await readPeakRssKb(child.pid))) || 0);
      }, 20);
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise((resolve) => child.once("exit", resolve));
  const ms = since(start);
  if (poll) clearInterval(poll);
  closeSync(devNull);
  await stop();
  if (code !== 0) throw new Error(`clerk users list --all exited ${code}: ${stderr}`);
  if (useTime) peakKb = Number(readFileSync(rssFile, "utf8").trim().split("\n").pop());
  return { ms, cpuMs: Number.NaN, peakKb };
}

async function scale() {
  const { dir: home } = tempDir("scale");
  const sizes = [
    { key: "small", users: 1_000, organizations: 50 },
    // Only for the memory of `--all`: the heap settles after a few pages, so "flat" is judged
    // against 10,000 users (20 pages of 500), with 1,000 (2 pages) shown too.
    { key: "medium", users: 10_000, organizations: 500 },
    { key: "large", users: 100_000, organizations: 5_000 },
  ];
  /** @type {Record<string, { url: string, headers: Record<string, string>, env: NodeJS.ProcessEnv, seedMs: number, pid: number }>} */
  const sb = {};
  /** @type {(() => Promise<void>)[]} */
  const stops = [];
  try {
    for (const size of sizes) {
      const started = await startJsonChild(
        [
          CLI,
          "sandbox",
          "--port",
          "0",
          "--json",
          "--no-rate-limits",
          "--seed",
          "empty",
          "--data",
          join(home, size.key),
        ],
        { env: cliEnv(home), cwd: home, timeoutMs: 60_000 },
      );
      stops.push(started.stop);
      const t0 = process.hrtime.bigint();
      const seeded = await fetch(`${started.info.url}/__sandbox/seed`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ users: size.users, organizations: size.organizations }),
      });
      if (seeded.status !== 200)
        throw new Error(`seeding ${size.users} users: ${seeded.status} ${await seeded.text()}`);
      await seeded.arrayBuffer();
      const seedMs = since(t0);
      log(`seeded ${size.users} users / ${size.organizations} orgs in ${msText(seedMs)}`);
      const secret = started.info.development.secret_key;
      sb[size.key] = {
        url: started.info.url,
        headers: { authorization: `Bearer ${secret}` },
        env: cliEnv(home, { CLERK_API_URL: started.info.url, CLERK_SECRET_KEY: secret }),
        seedMs,
        pid: started.info.pid,
      };
    }
    const small = /** @type {(typeof sb)[string]} */ (sb.small);
    const medium = /** @type {(typeof sb)[string]} */ (sb.medium);
    const large = /** @type {(typeof sb)[string]} */ (sb.large);
    rows.push({
      area: "Scale",
      metric: "seed 100,000 users + 5,000 orgs",
      value: large.seedMs,
      unit: "ms",
      baseline: "seed 1,000 users + 50 orgs",
      baselineValue: small.seedMs,
      ratio: large.seedMs / small.seedMs,
      note: `10,000 users + 500 orgs: ${msText(medium.seedMs)}`,
      runs: "1 each",
    });

    // A user in both data sets (index 500 of the generator: joan.clarke500@example.com), found by a
    // substring no index can serve.
    const queries = [
      { metric: "list page GET /v1/users?limit=10", path: "/v1/users?limit=10" },
      { metric: "search GET /v1/users?query=clarke500", path: "/v1/users?limit=10&query=clarke500" },
      { metric: "count GET /v1/users/count", path: "/v1/users/count" },
      { metric: "order_by=+first_name", path: "/v1/users?limit=10&order_by=%2Bfirst_name" },
      {
        metric: "last page (offset = total − 10)",
        path: (/** @type {number} */ n) => `/v1/users?limit=10&offset=${n - 10}`,
      },
      { metric: "org list GET /v1/organizations?limit=10", path: "/v1/organizations?limit=10" },
    ];
    const reps = Number(process.env.BENCH_SCALE_REPS ?? 11);
    for (const q of queries) {
      /** @type {Record<string, number[]>} */
      const t = { small: [], large: [] };
      for (let i = -1; i < reps; i++) {
        for (const [key, size] of [
          ["small", 1_000],
          ["large", 100_000],
        ]) {
          const target = /** @type {(typeof sb)[string]} */ (sb[/** @type {string} */ (key)]);
          const path = typeof q.path === "function" ? q.path(/** @type {number} */ (size)) : q.path;
          const { ms, body } = await timedGet(`${target.url}${path}`, target.headers);
          if (i === -1 && q.metric.startsWith("search") && !body.includes("clarke500")) {
            throw new Error(`search found nothing on the ${key} data set`);
          }
          if (i >= 0) t[/** @type {string} */ (key)]?.push(ms);
        }
      }
      const value = median(t.large ?? []);
      const base = median(t.small ?? []);
      rows.push({
        area: "Scale (sandbox)",
        metric: q.metric,
        value,
        unit: "ms",
        baseline: "same on 1,000 users / 50 orgs",
        baselineValue: base,
        ratio: value / base,
        runs: `${reps} runs, max ${msText(percentile(t.large ?? [], 100))}`,
      });
    }

    // Streaming every user through the CLI: time and peak RSS must not grow with the data.
    const check = spawnSync(process.execPath, [CLI, "users", "list", "--all", "--json"], {
      env: small.env,
      cwd: home,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    const streamed = check.status === 0 ? JSON.parse(check.stdout).length : undefined;
    if (streamed !== 1_000) throw new Error(`--all streamed ${streamed} of 1,000 users: ${check.stderr}`);
    /** @type {Record<string, { ms: number, cpuMs: number, peakKb: number }[]>} */
    const all = { small: [], medium: [], large: [] };
    const runner = await createRunner();
    try {
      for (let i = 0; i < 3; i++) {
        all.small?.push(await streamAll(runner, small.env, home));
        all.medium?.push(await streamAll(runner, medium.env, home));
      }
      const largeStart = process.hrtime.bigint();
      for (let i = 0; i < 3; i++) {
        all.large?.push(await streamAll(runner, large.env, home));
        const perRun = since(largeStart) / (i + 1);
        if (i >= 1 && remainingMs() - perRun < 30_000) break;
      }
    } finally {
      await runner.close();
    }
    const allTime = median((all.large ?? []).map((r) => r.ms));
    const allTimeSmall = median((all.small ?? []).map((r) => r.ms));
    const allCpu = median((all.large ?? []).map((r) => r.cpuMs));
    const allCpuSmall = median((all.small ?? []).map((r) => r.cpuMs));
    const rss = median((all.large ?? []).map((r) => r.peakKb));
    const rssSmall = median((all.small ?? []).map((r) => r.peakKb));
    rows.push({
      area: "Scale (CLI)",
      metric: "users list --all --json > /dev/null: time",
      value: allTime,
      unit: "ms",
      baseline: "same on 1,000 users",
      baselineValue: allTimeSmall,
      ratio: allTime / allTimeSmall,
      goal: "linear (≤ 100×)",
      pass: allTime / allTimeSmall <= 100,
      runs: `${all.large?.length} / ${all.small?.length}`,
      note:
        `${((allTime * 1000) / 100_000).toFixed(0)} µs per user` +
        (Number.isNaN(allCpu)
          ? ""
          : `; CLI CPU ${msText(allCpu)} vs ${msText(allCpuSmall)} = ${(allCpu / allCpuSmall).toFixed(1)}×`),
    });
    const rssMedium = median((all.medium ?? []).map((r) => r.peakKb));
    rows.push({
      area: "Scale (CLI)",
      metric: "users list --all --json: peak RSS of the CLI",
      value: rss,
      unit: "kb-rss",
      baseline: "same on 10,000 users",
      baselineValue: rssMedium,
      ratio: rss / rssMedium,
      goal: "flat (≤ 1.25×)",
      pass: rss / rssMedium <= 1.25,
      note: `1,000 users: ${(rssSmall / 1024).toFixed(1)} MB`,
      runs: `${all.large?.length} / ${all.medium?.length}`,
    });
    const sandboxPeak = await readPeakRssKb(large.pid);
    const sandboxPeakSmall = await readPeakRssKb(small.pid);
    if (sandboxPeak && sandboxPeakSmall) {
      rows.push({
        area: "Scale (sandbox)",
        metric: "sandbox process peak RSS after all of the above",
        value: sandboxPeak,
        unit: "kb-rss",
        baseline: "1,000-user sandbox",
        baselineValue: sandboxPeakSmall,
        ratio: sandboxPeak / sandboxPeakSmall,
        runs: "VmHWM",
      });
    }
  } finally {
    for (const stop of stops) await stop();
  }
}

// ---------------------------------------------------------------------------------------------
// 6. Production install size
// ---------------------------------------------------------------------------------------------
/** Bytes of a package directory, not counting nested node_modules (each is its own package). @param {string} dir */
function packageBytes(dir) {
  let total = 0;
  const stack = [dir];
  while (stack.length) {
    const current = /** @type {string} */ (stack.pop());
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules") stack.push(path);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        total += lstatSync(path).size;
      }
    }
  }
  return total;
}

/** Installed packages (paths) per `npm ls`; exit status ignored (extraneous packages make it 1). @param {string[]} extra */
function npmLsPaths(extra) {
  const result = spawnSync("npm", ["ls", "--all", "--parseable", ...extra], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const root = ROOT.replace(/\/$/, "");
  return [
    ...new Set(
      result.stdout
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => l && l !== root && existsSync(l)),
    ),
  ];
}

function install() {
  const pack = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (pack.status !== 0) throw new Error(`npm pack --dry-run failed: ${pack.stderr}`);
  const info = JSON.parse(pack.stdout)[0];
  /** @type {Map<string, number>} */
  const byDir = new Map();
  for (const file of info.files) {
    const top = file.path.includes("/") ? `${file.path.split("/")[0]}/` : file.path;
    byDir.set(top, (byDir.get(top) ?? 0) + file.size);
  }
  const biggest = [...byDir]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([d, s]) => `${d} ${kb(s)}`)
    .join(", ");
  const prod = npmLsPaths(["--omit=dev"]);
  const everything = npmLsPaths([]);
  const prodSizes = prod.map(
    (dir) => /** @type {[string, number]} */ ([dir.slice(dir.lastIndexOf("node_modules/") + 13), packageBytes(dir)]),
  );
  const prodBytes = prodSizes.reduce((sum, [, bytes]) => sum + bytes, 0);
  const heaviest = prodSizes
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([name, bytes]) => `${name} ${mb(bytes)}`)
    .join(", ");
  const allBytes = everything.reduce((sum, dir) => sum + packageBytes(dir), 0);
  const base = { baseline: "whole node_modules (dev included)", runs: "exact" };
  rows.push({
    area: "Install",
    metric: "npm pack tarball (unpacked)",
    value: info.size,
    unit: "bytes",
    baseline: "unpacked",
    baselineValue: info.unpackedSize,
    ratio: info.size / info.unpackedSize,
    runs: "exact",
    note: `${info.entryCount} files`,
  });
  rows.push({
    area: "Install",
    metric: "production node_modules size",
    value: prodBytes,
    unit: "bytes",
    ...base,
    baselineValue: allBytes,
    ratio: prodBytes / allBytes,
  });
  rows.push({
    area: "Install",
    metric: "production packages",
    value: prod.length,
    unit: "count",
    ...base,
    baselineValue: everything.length,
    ratio: prod.length / everything.length,
  });
  const packed = info.files.map((/** @type {{ path: string }} */ f) => f.path);
  const distBytes = ["cli", "web"].reduce((sum, d) => sum + packageBytes(join(DIST, d)), 0);
  rows.push({
    area: "Install",
    metric: "built dist/ (cli + web, source maps included)",
    value: distBytes,
    unit: "bytes",
    baseline: "npm pack tarball",
    baselineValue: info.size,
    ratio: distBytes / info.size,
    runs: "exact",
    note: `${packed.filter((/** @type {string} */ p) => p.startsWith("dist/")).length} dist/ files in the tarball`,
  });
  notes.push(
    `npm pack: ${info.entryCount} files; largest top-level entries: ${biggest}; ` +
      `${packed.filter((/** @type {string} */ p) => /\.(test|spec)\.ts$/.test(p)).length} test files.` +
      (packed.some((/** @type {string} */ p) => p.startsWith("dist/"))
        ? ""
        : " The tarball has NO dist/ (it is gitignored and package.json has no `files`), so bin/clerk.js would not run from it."),
  );
  notes.push(`Heaviest production packages: ${heaviest}.`);
}

// ---------------------------------------------------------------------------------------------
// Table, RESULTS.md
// ---------------------------------------------------------------------------------------------
/** @param {number | undefined} value @param {Row["unit"]} unit */
function format(value, unit) {
  if (value === undefined || Number.isNaN(value)) return "–";
  if (unit === "ms") return msText(value);
  if (unit === "bytes") return value >= 1024 * 1024 ? mb(value) : kb(value);
  if (unit === "kb-rss") return `${(value / 1024).toFixed(1)} MB`;
  if (unit === "ops/s") return `${value.toFixed(0)} ops/s`;
  return String(value);
}

function table() {
  const header = ["Area", "Metric", "Median", "Baseline", "Baseline median", "Ratio", "Goal", "Runs / notes"];
  const lines = rows.map((r) => [
    r.area,
    r.metric,
    format(r.value, r.unit),
    r.baseline ?? "",
    format(r.baselineValue, r.unit),
    r.ratio === undefined || Number.isNaN(r.ratio) ? "–" : `${r.ratio.toFixed(2)}×`,
    r.goal ? `${r.goal} ${r.pass ? "✓" : "✗ MISSED"}` : "",
    [r.note, r.runs].filter(Boolean).join("; "),
  ]);
  for (const failure of failures) lines.push(["FAILED", failure, "", "", "", "", "", ""]);
  const escapeCell = (/** @type {string} */ cell) => cell.replace(/\|/g, "\\|");
  return [header, header.map(() => "---"), ...lines]
    .map((cells) => `| ${cells.map(escapeCell).join(" | ")} |`)
    .join("\n");
}

function machine() {
  const cpu = cpus();
  return {
    date: new Date().toISOString(),
    cores: cpu.length,
    model: cpu[0]?.model.trim() ?? "unknown",
    node: process.version,
    os: `${platform()} ${release()}`,
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GB`,
  };
}

async function main() {
  const host = machine();
  const loadBefore = loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
  if (!args.includes("--no-build")) {
    log("building (node scripts/build.mjs)…");
    const build = spawnSync(process.execPath, [join(ROOT, "scripts", "build.mjs")], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "pipe"],
      encoding: "utf8",
    });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  }
  await snapshotBuild();
  const sections = /** @type {[string, () => unknown][]} */ ([
    ["startup", startup],
    ["weight", weight],
    ["ui", ui],
    ["proxy", proxy],
    ["scale", scale],
    ["install", install],
  ]);
  for (const [name, run] of sections) {
    if (!wants(name)) continue;
    log(`${name}…`);
    const cleanupSection = cleanupScope();
    try {
      await run();
      log(`${name} done`);
    } catch (error) {
      failures.push(`${name}: ${/** @type {Error} */ (error).message.split("\n")[0]}`);
      log(`${name} FAILED: ${/** @type {Error} */ (error).stack}`);
    }
    await cleanupSection();
  }
  const missed = rows.filter((r) => r.pass === false).map((r) => `${r.area}: ${r.metric}`);
  if (missed.length) {
    notes.push(
      `Missed goals (${missed.join("; ")}): see "Analysis" at the top of this file for what the time goes to, ` +
        "and `node e2e/perf/profile.mjs -- <command>` to profile a command.",
    );
  }
  const loadAfter = loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
  const output = table();
  process.stdout.write(`\n${output}\n\n${notes.map((n) => `- ${n}`).join("\n")}\n`);

  const results = join(ROOT, "e2e", "perf", "RESULTS.md");
  if (!existsSync(results)) {
    writeFileSync(
      results,
      "# Benchmark results\n\nAppended by `npm run bench` (e2e/perf/bench.mjs), newest last. Figures are medians; ratios are " +
        "against a baseline measured in the same run.\n",
    );
  }
  appendFileSync(
    results,
    [
      "",
      `## ${host.date}`,
      "",
      `Machine: ${host.cores} cores, ${host.model}, ${host.memory} RAM, ${host.os}; Node ${host.node}. ` +
        `Load average at start ${loadBefore}, at end ${loadAfter}. Total ${(since(BENCH_START) / 1000).toFixed(0)} s` +
        `${only ? ` (only: ${only.join(", ")})` : ""}.`,
      "",
      output,
      "",
      ...notes.map((n) => `- ${n}`),
      "",
    ].join("\n"),
  );
  // Keep the file as `biome check` (npm run lint) wants it: biome aligns markdown tables.
  const biome = join(ROOT, "node_modules", "@biomejs", "biome", "bin", "biome");
  if (existsSync(biome))
    spawnSync(process.execPath, [biome, "format", "--write", results], { cwd: ROOT, stdio: "ignore" });
  log(`appended to ${results}`);
  if (failures.length) process.exitCode = 1;
}

for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM", "SIGHUP"])) {
  process.once(signal, async () => {
    log(`${signal}: cleaning up…`);
    await cleanupAll();
    process.exit(signal === "SIGINT" ? 130 : 143);
  });
}

try {
  await main();
} catch (error) {
  process.stderr.write(`bench failed: ${/** @type {Error} */ (error).stack}\n`);
  process.exitCode = 1;
} finally {
  await cleanupAll();
}
