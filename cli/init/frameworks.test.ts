import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { chooseFramework } from "./frameworks";
import { choosePackageManager, installCommand } from "./package-manager";
import { readProject } from "./project";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "clerk-init-frameworks-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function project(dependencies: Record<string, string>, files: Record<string, string> = {}, extra = {}) {
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "app", dependencies, ...extra }));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return readProject(dir);
}

describe("framework detection", () => {
  test.each([
    [{ next: "15.0.0", react: "19.0.0" }, "next", "NEXT_PUBLIC"],
    [{ "@tanstack/react-start": "1.0.0", react: "19.0.0", vite: "6.0.0" }, "tanstack-start", "VITE_"],
    [{ "@react-router/dev": "7.0.0", react: "19.0.0", vite: "6.0.0" }, "react-router", "CLERK_PUBLISHABLE_KEY"],
    [{ nuxt: "3.0.0", vue: "3.0.0" }, "nuxt", "CLERK_PUBLISHABLE_KEY"],
    [{ astro: "5.0.0" }, "astro", "PUBLIC_"],
    [{ expo: "52.0.0", react: "19.0.0" }, "expo", "EXPO_PUBLIC_"],
    [{ vue: "3.0.0", vite: "6.0.0" }, "vue", "VITE_"],
    [{ react: "19.0.0", vite: "6.0.0" }, "react", "VITE_"],
    [{ fastify: "5.0.0" }, "fastify", "CLERK_PUBLISHABLE_KEY"],
    [{ express: "5.0.0" }, "express", "CLERK_PUBLISHABLE_KEY"],
    [{ lodash: "4.0.0" }, "javascript", "CLERK_PUBLISHABLE_KEY"],
  ])("%j is %s", async (dependencies, id, publishable) => {
    const { PUBLISHABLE_KEY_VARS } = await import("../env/framework");
    const found = chooseFramework(project(dependencies), undefined);
    expect(found.spec.id).toBe(id);
    expect(PUBLISHABLE_KEY_VARS[found.spec.env(project(dependencies))]).toContain(publishable);
  });

  test("--framework wins over the dependencies", () => {
    expect(chooseFramework(project({ next: "15.0.0" }), "express").spec.id).toBe("express");
  });
});

describe("package manager detection", () => {
  test.each([
    ["bun.lock", "bun", "bun add @clerk/nextjs"],
    ["bun.lockb", "bun", "bun add @clerk/nextjs"],
    ["pnpm-lock.yaml", "pnpm", "pnpm add @clerk/nextjs"],
    ["yarn.lock", "yarn", "yarn add @clerk/nextjs"],
    ["package-lock.json", "npm", "npm install @clerk/nextjs"],
  ])("%s means %s", (lockfile, pm, command) => {
    const found = choosePackageManager(project({}, { [lockfile]: "" }), undefined);
    expect(found).toEqual({ pm, evidence: lockfile });
    expect(installCommand(found.pm, "@clerk/nextjs").join(" ")).toBe(command);
  });

  test("no lockfile: package.json's packageManager, else npm; --pm wins", () => {
    expect(choosePackageManager(project({}, {}, { packageManager: "pnpm@9.1.0" }), undefined).pm).toBe("pnpm");
    expect(choosePackageManager(project({}), undefined)).toEqual({ pm: "npm" });
    expect(choosePackageManager(project({}, { "yarn.lock": "" }), "bun")).toEqual({ pm: "bun" });
  });
});

describe("integration files", () => {
  test("Next.js 16 in src/: src/proxy.ts; an existing layout with ClerkProvider is left alone", () => {
    const next = chooseFramework(
      project({ next: "^16.0.0" }, { "src/app/layout.tsx": "<ClerkProvider><html></html></ClerkProvider>" }),
      undefined,
    ).spec;
    const { files } = next.integrate(readProject(dir));
    expect(files.map((file) => file.path)).toEqual(["src/proxy.js"]);
  });

  test("no root layout: one is created around the children", () => {
    const next = chooseFramework(
      project({ next: "15.0.0" }, { "tsconfig.json": "{}", "app/page.tsx": "" }),
      undefined,
    ).spec;
    const { files } = next.integrate(readProject(dir));
    expect(files.map((file) => [file.path, file.before])).toEqual([
      ["middleware.ts", undefined],
      ["app/layout.tsx", undefined],
    ]);
    expect(files[1]?.after).toContain("<ClerkProvider>");
  });

  test("Fastify: clerkPlugin registered after the server is created (ES modules)", () => {
    const server =
      'import Fastify from "fastify";\n\nconst fastify = Fastify({ logger: true });\nfastify.listen({ port: 3000 });\n';
    const spec = chooseFramework(project({ fastify: "5.0.0" }, { "server.js": server }), undefined).spec;
    const { files } = spec.integrate(readProject(dir));
    expect(files[0]?.after).toBe(
      'import Fastify from "fastify";\nimport { clerkPlugin } from "@clerk/fastify";\n\n' +
        "const fastify = Fastify({ logger: true });\nfastify.register(clerkPlugin);\nfastify.listen({ port: 3000 });\n",
    );
  });

  test("Astro: src/middleware.ts, and the config step left to the user", () => {
    const spec = chooseFramework(project({ astro: "5.0.0" }, { "tsconfig.json": "{}" }), undefined).spec;
    const { files, manual } = spec.integrate(readProject(dir));
    expect(files.map((file) => file.path)).toEqual(["src/middleware.ts"]);
    expect(files[0]?.after).toContain("export const onRequest = clerkMiddleware();");
    expect(manual.join(" ")).toContain("astro.config");
  });

  test("a server file that already uses Clerk, or none found: nothing written, the step listed", () => {
    const spec = chooseFramework(project({ express: "5.0.0" }), undefined).spec;
    const none = spec.integrate(readProject(dir));
    expect(none.files).toEqual([]);
    expect(none.manual[0]).toContain("app.use(clerkMiddleware())");
    writeFileSync(join(dir, "index.js"), 'import { clerkMiddleware } from "@clerk/express";\n');
    expect(spec.integrate(readProject(dir))).toEqual({ files: [], manual: [] });
  });
});
