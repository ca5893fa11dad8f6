// A small closed-loop load generator, run in its own process by bench.mjs.
//
//   node e2e/perf/load.mjs '<json>'
//
// The JSON names `targets` (requests fired together as ONE operation, e.g. the two calls
// `users.list` makes), a fixed `concurrency`, and bounds: a warm-up of `warmupOps` operations or
// `warmupMs`, then at most `maxOps` operations or `maxMs` milliseconds. Node's fetch keeps connections alive. Prints one JSON
// line: ops, errors, elapsed, ops/s and latency percentiles of whole operations (ms).

/**
 * @typedef {{ url: string, method?: string, headers?: Record<string, string>, body?: string }} Target
 * @typedef {{ targets: Target[], concurrency: number, warmupOps: number, warmupMs?: number, maxOps: number, maxMs: number }} LoadSpec
 */

/** @type {LoadSpec} */
const spec = JSON.parse(process.argv[2] ?? "{}");
let errors = 0;
/** @type {string | undefined} */
let firstError;

async function operation() {
  await Promise.all(
    spec.targets.map(async (target) => {
      const response = await fetch(target.url, {
        method: target.method ?? "GET",
        ...(target.headers ? { headers: target.headers } : {}),
        ...(target.body === undefined ? {} : { body: target.body }),
      });
      const text = await response.text();
      if (response.status !== 200) {
        errors++;
        firstError ??= `${response.status} ${target.url}: ${text.slice(0, 200)}`;
      }
    }),
  );
}

/** Runs operations on `concurrency` workers until `count` are done or `deadline` passes. */
async function run(
  /** @type {number} */ count,
  /** @type {number} */ deadline,
  /** @type {number[] | undefined} */ latencies,
) {
  let started = 0;
  const worker = async () => {
    while (started < count && performance.now() < deadline) {
      started++;
      const t = performance.now();
      await operation();
      latencies?.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: spec.concurrency }, worker));
}

/** @param {number[]} sorted @param {number} p */
const pick = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;

await run(spec.warmupOps, performance.now() + (spec.warmupMs ?? spec.maxMs), undefined);
errors = 0;
/** @type {number[]} */
const latencies = [];
const start = performance.now();
await run(spec.maxOps, start + spec.maxMs, latencies);
const elapsed = performance.now() - start;
latencies.sort((a, b) => a - b);
process.stdout.write(
  `${JSON.stringify({
    ops: latencies.length,
    errors,
    ...(firstError ? { firstError } : {}),
    elapsedMs: elapsed,
    opsPerSec: latencies.length / (elapsed / 1000),
    p50: pick(latencies, 50),
    p90: pick(latencies, 90),
    p99: pick(latencies, 99),
    mean: latencies.reduce((a, b) => a + b, 0) / (latencies.length || 1),
  })}\n`,
);
