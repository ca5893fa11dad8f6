import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { describe, expect, test } from "vitest";

const root = dirname(new URL(import.meta.url).pathname);
const isRoutes = (file: string) => /(^|-)routes\.ts$/.test(basename(file));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

/** `from "./x"` specifiers of a file, resolved to paths ending in `.ts`. */
function importsOf(file: string): string[] {
  const specifiers = [...readFileSync(file, "utf8").matchAll(/from "(\.{1,2}\/[^"]+)"/g)].map((m) => m[1] as string);
  return specifiers.map((specifier) => `${resolve(dirname(file), specifier)}.ts`);
}

describe("sandbox layout", () => {
  test("route files are not libraries: only their module (or a routes file beside them) imports them", () => {
    const misuses: string[] = [];
    for (const file of sources(root)) {
      for (const target of importsOf(file).filter(isRoutes)) {
        const composes = basename(file) === "module.ts" || (isRoutes(file) && dirname(file) === dirname(target));
        if (!composes) misuses.push(`${relative(root, file)} imports ${relative(root, target)}`);
      }
    }
    expect(misuses).toEqual([]);
  });
});
