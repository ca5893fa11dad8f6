import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parseEnv } from "node:util";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { useSandbox } from "../../server/sandbox/testing/harness";
import { runCli } from "../testing/run-cli";
import { runCliOnTty } from "../testing/run-tty";

const sandbox = useSandbox();
const SLOW = { timeout: 60_000 };

let root: string;
let project: string;
let bin: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "clerk-init-"));
  project = join(root, "project");
  bin = join(root, "bin");
  mkdirSync(project);
  mkdirSync(bin);
  mkdirSync(join(root, "home"));
  // Stand-ins for the package managers, first on PATH: each records its command line, no network.
  for (const pm of ["npm", "pnpm", "yarn", "bun"]) {
    writeFileSync(join(bin, pm), `#!/bin/sh\necho "${pm} $*" >> "${join(root, "installs")}"\n`);
    chmodSync(join(bin, pm), 0o755);
  }
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const dev = () => sandbox.credentials.development;
const platformEnv = () => ({
  CLERK_API_URL: sandbox.url,
  CLERK_PLATFORM_API_KEY: sandbox.credentials.platform_api_key,
});

/** `clerk init …` in the project, with the stub package managers on PATH and a throw-away HOME. */
function init(args: string[], env: Record<string, string | undefined> = platformEnv(), input?: string) {
  return runCli(["init", "--json", ...args], {
    cwd: project,
    ...(input === undefined ? {} : { input }),
    env: {
      PATH: `${bin}:${process.env.PATH}`,
      HOME: join(root, "home"),
      CLERK_CONFIG_DIR: join(root, "home", ".config", "clerk"),
      ...env,
    },
  });
}

const write = (files: Record<string, string>) => {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(project, name)), { recursive: true });
    writeFileSync(join(project, name), text);
  }
};
const read = (name: string) => readFileSync(join(project, name), "utf8");
const installs = () => (existsSync(join(root, "installs")) ? read("../installs").trim().split("\n") : []);
const errorOf = (stderr: string) => JSON.parse(stderr).error as { message: string; hint?: string };
const pkg = (dependencies: Record<string, string>) => JSON.stringify({ name: "app", dependencies });

/** Every file of the project with its text: what "changes nothing" compares. */
function snapshot(dir = project, prefix = ""): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(files, snapshot(path, `${prefix}${entry.name}/`));
    else files[`${prefix}${entry.name}`] = readFileSync(path, "utf8");
  }
  return files;
}

const NEXT_LAYOUT = `import "./globals.css";

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
`;

const VITE_MAIN = `import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import App from "./App.tsx";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
`;

const EXPRESS_SERVER = `const express = require("express");

const app = express();
app.get("/", (req, res) => res.send("hi"));
app.listen(3000);
`;

function nextProject() {
  write({
    "package.json": pkg({ next: "15.1.0", react: "19.0.0" }),
    "package-lock.json": "{}",
    "tsconfig.json": "{}",
    "app/layout.tsx": NEXT_LAYOUT,
  });
}

describe("clerk init in a Next.js project (App Router)", SLOW, () => {
  test("links the app, writes .env.local, runs npm install, creates middleware.ts; the existing layout waits for --yes", async () => {
    nextProject();
    const result = await init(["--app", sandbox.credentials.application_id]);
    expect(result.code, result.stderr).toBe(0);
    const out = result.json<Record<string, unknown>>();
    expect(out).toMatchObject({
      framework: "next",
      framework_detected_from: "next",
      package_manager: "npm",
      package_manager_detected_from: "package-lock.json",
      application: { kind: "application", application_id: sandbox.credentials.application_id },
      install: "npm install @clerk/nextjs",
      env_file_written: true,
      files: [
        { path: "middleware.ts", action: "created" },
        { path: "app/layout.tsx", action: "skipped" },
      ],
    });
    expect(result.stdout).not.toContain(dev().secret_key);
    expect(installs()).toEqual(["npm install @clerk/nextjs"]);
    expect(parseEnv(read(".env.local"))).toEqual({
      NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: dev().publishable_key,
      CLERK_SECRET_KEY: dev().secret_key,
    });
    expect(JSON.parse(read(".clerk/project.json"))).toMatchObject({
      app: sandbox.credentials.application_id,
      instance: "development",
    });
    const middleware = read("middleware.ts");
    expect(middleware).toContain('import { clerkMiddleware } from "@clerk/nextjs/server";');
    expect(middleware).toContain("export default clerkMiddleware();");
    expect(middleware).toContain("export const config = {");
    // No overwrite without consent: the layout is as it was, and stderr says why.
    expect(read("app/layout.tsx")).toBe(NEXT_LAYOUT);
    expect(result.stderr).toContain("note: skipped app/layout.tsx");

    const again = await init(["--app", sandbox.credentials.application_id, "--yes"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.json()).toMatchObject({ files: [{ path: "app/layout.tsx", action: "updated" }] });
    const layout = read("app/layout.tsx");
    expect(layout).toContain('import { ClerkProvider } from "@clerk/nextjs";');
    expect(layout).toMatch(
      /<ClerkProvider>\s*<html lang="en">\s*<body>\{children\}<\/body>\s*<\/html>\s*<\/ClerkProvider>/,
    );
    // middleware.ts exists now and the package is still not in package.json (the stub installs nothing).
    expect(installs()).toEqual(["npm install @clerk/nextjs", "npm install @clerk/nextjs"]);
  });

  test("--dry-run prints the plan (diffs, install command, env key names) and changes nothing", async () => {
    nextProject();
    const before = snapshot();
    const result = await init(["--app", sandbox.credentials.application_id, "--dry-run", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    expect(snapshot()).toEqual(before);
    expect(installs()).toEqual([]);
    const plan = result.json<{
      dry_run: boolean;
      install: string;
      env_file: { file: string; keys: { name: string }[] };
      files: { path: string; action: string; diff: string }[];
    }>();
    expect(plan.dry_run).toBe(true);
    expect(plan.install).toBe("npm install @clerk/nextjs");
    expect(plan.env_file.file).toBe(join(project, ".env.local"));
    expect(plan.env_file.keys.map((key) => key.name)).toEqual([
      "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY",
      "CLERK_SECRET_KEY",
    ]);
    expect(plan.files.map((file) => [file.path, file.action])).toEqual([
      ["middleware.ts", "create"],
      ["app/layout.tsx", "update"],
    ]);
    expect(plan.files[1]?.diff).toContain("+    <ClerkProvider>");
    expect(plan.files[1]?.diff).toContain('-    <html lang="en">');
    expect(result.stdout).not.toContain(dev().secret_key);
    expect(result.stdout).not.toContain(dev().publishable_key);
  });

  test("an existing env value is not replaced in agent mode without --yes", async () => {
    nextProject();
    write({ ".env.local": "CLERK_SECRET_KEY=sk_test_mine\n" });
    const result = await init(["--app", sandbox.credentials.application_id]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.json()).toMatchObject({ env_file_written: false });
    expect(read(".env.local")).toBe("CLERK_SECRET_KEY=sk_test_mine\n");
    expect(result.stderr).toContain("note: skipped .env.local");
  });
});

describe("clerk init in a Vite React project", SLOW, () => {
  test("pnpm add @clerk/react, VITE_ key in .env.local, <ClerkProvider> around <App /> with --yes", async () => {
    write({
      "package.json": pkg({ react: "19.0.0", "react-dom": "19.0.0", vite: "6.0.0" }),
      "pnpm-lock.yaml": "lockfileVersion: '9.0'\n",
      "src/main.tsx": VITE_MAIN,
    });
    const result = await init(["--app", sandbox.credentials.application_id, "--yes"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.json()).toMatchObject({
      framework: "react",
      package_manager: "pnpm",
      install: "pnpm add @clerk/react",
      files: [{ path: "src/main.tsx", action: "updated" }],
    });
    expect(installs()).toEqual(["pnpm add @clerk/react"]);
    expect(parseEnv(read(".env.local"))).toEqual({
      VITE_CLERK_PUBLISHABLE_KEY: dev().publishable_key,
      CLERK_SECRET_KEY: dev().secret_key,
    });
    const main = read("src/main.tsx");
    expect(main).toContain('import App from "./App.tsx";\nimport { ClerkProvider } from "@clerk/react";');
    expect(main).toMatch(
      /<ClerkProvider publishableKey=\{import\.meta\.env\.VITE_CLERK_PUBLISHABLE_KEY\}>\s*<App \/>\s*<\/ClerkProvider>/,
    );
  });
});

describe("clerk init in an Express project", SLOW, () => {
  test("yarn add @clerk/express, CLERK_PUBLISHABLE_KEY in .env, clerkMiddleware() after express()", async () => {
    write({ "package.json": pkg({ express: "5.1.0" }), "yarn.lock": "", "index.js": EXPRESS_SERVER });
    const result = await init(["--app", sandbox.credentials.application_id, "--yes"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.json()).toMatchObject({
      framework: "express",
      package_manager: "yarn",
      install: "yarn add @clerk/express",
      files: [{ path: "index.js", action: "updated" }],
    });
    expect(installs()).toEqual(["yarn add @clerk/express"]);
    expect(parseEnv(read(".env"))).toEqual({
      CLERK_PUBLISHABLE_KEY: dev().publishable_key,
      CLERK_SECRET_KEY: dev().secret_key,
    });
    expect(read("index.js")).toBe(
      'const express = require("express");\nconst { clerkMiddleware } = require("@clerk/express");\n\n' +
        'const app = express();\napp.use(clerkMiddleware());\napp.get("/", (req, res) => res.send("hi"));\napp.listen(3000);\n',
    );
  });

  test("--framework and --pm override detection; a Clerk package already there is not installed again", async () => {
    write({ "package.json": pkg({ express: "5.1.0", "@clerk/fastify": "2.0.0" }), "yarn.lock": "" });
    const result = await init(["--app", sandbox.credentials.application_id, "--framework", "fastify", "--pm", "bun"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.json()).toMatchObject({ framework: "fastify", package_manager: "bun", install: null });
    expect(installs()).toEqual([]);
    const planned = await init([
      "--app",
      sandbox.credentials.application_id,
      "--framework",
      "express",
      "--pm",
      "bun",
      "--dry-run",
    ]);
    expect(planned.json()).toMatchObject({ install: "bun add @clerk/express" });
  });
});

describe("clerk init choosing the application", SLOW, () => {
  test("agent mode with an account and no --app: the steps, exit 0, nothing written", async () => {
    nextProject();
    const before = snapshot();
    const result = await init([]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.json()).toMatchObject({ status: "needs_application", framework: "next" });
    expect(snapshot()).toEqual(before);
    expect(installs()).toEqual([]);
  });

  test("the linked application is used without --app", async () => {
    write({ "package.json": pkg({ express: "5.1.0" }), "package-lock.json": "{}" });
    const linked = await runCli(["link", "--app", sandbox.credentials.application_id], {
      cwd: project,
      env: { ...platformEnv(), HOME: join(root, "home") },
    });
    expect(linked.code, linked.stderr).toBe(0);
    const result = await init(["--yes"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.json()).toMatchObject({ application: { application_id: sandbox.credentials.application_id } });
  });

  test("no Clerk credentials: the local sandbox's keys, with CLERK_API_URL", async () => {
    write({ "package.json": pkg({ express: "5.1.0" }), "package-lock.json": "{}" });
    const result = await init(["--yes"], { XDG_DATA_HOME: join(root, "data") });
    expect(result.code, result.stderr).toBe(0);
    expect(result.json()).toMatchObject({ application: { kind: "sandbox", environment: "development" } });
    const env = parseEnv(read(".env"));
    expect(env.CLERK_SECRET_KEY).toMatch(/^sk_test_/);
    expect(env.CLERK_PUBLISHABLE_KEY).toMatch(/^pk_test_/);
    expect(env.CLERK_API_URL).toBe("http://127.0.0.1:2575");
    expect(existsSync(join(project, ".clerk"))).toBe(false);
  });

  test("--login without an account is a usage error", async () => {
    write({ "package.json": pkg({ express: "5.1.0" }) });
    const result = await init(["--login"], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("clerk auth login");
  });
});

describe("clerk init options as JSON", SLOW, () => {
  test("--input-json sets init's options and global flags (yes, app); piped stdin does the same", async () => {
    write({ "package.json": pkg({ express: "5.1.0" }), "package-lock.json": "{}", "index.js": EXPRESS_SERVER });
    const app = sandbox.credentials.application_id;
    const given = await init([
      "--input-json",
      JSON.stringify({ framework: "express", pm: "pnpm", dry_run: true, app }),
    ]);
    expect(given.code, given.stderr).toBe(0);
    expect(given.json()).toMatchObject({ dry_run: true, framework: "express", install: "pnpm add @clerk/express" });
    expect(installs()).toEqual([]);

    const piped = await init([], platformEnv(), JSON.stringify({ yes: true, app }));
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.json()).toMatchObject({ files: [{ path: "index.js", action: "updated" }] });
    expect(installs()).toEqual(["npm install @clerk/express"]);
  });

  test("a bad global value or unknown key in the JSON is a usage error", async () => {
    write({ "package.json": pkg({ express: "5.1.0" }) });
    const bad = await init(["--input-json", '{"yes":"please"}']);
    expect(bad.code).toBe(2);
    expect(errorOf(bad.stderr).message).toContain('"yes" must be a boolean');
    const unknown = await init([], platformEnv(), '{"framwork":"next"}');
    expect(unknown.code).toBe(2);
    expect(errorOf(unknown.stderr).hint).toContain('Did you mean "framework"?');
  });
});

describe("clerk init refusals", SLOW, () => {
  test("no package.json and no terminal: exit 2 naming the profile command (the Go CLI's wizard needs a terminal)", async () => {
    const result = await init([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("clerk config profile create");
    expect(readdirSync(project)).toEqual([]);
  });

  test("--starter and --template need what this CLI does not have: exit 2, nothing written", async () => {
    write({ "package.json": pkg({ next: "15.1.0" }) });
    for (const args of [["--starter"], ["--template", "b2b-saas"], ["--accountless", "--fresh"]]) {
      const result = await init(args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr).toContain("not supported");
    }
    expect(readdirSync(project)).toEqual(["package.json"]);
  });
});

describe("clerk init on a terminal", SLOW, () => {
  const ttyEnv = () => ({
    ...platformEnv(),
    PATH: `${bin}:${process.env.PATH}`,
    HOME: join(root, "home"),
    CLERK_CONFIG_DIR: join(root, "home", ".config", "clerk"),
    CLERK_CREDENTIAL_STORE: "file",
    NO_COLOR: "1",
  });

  test("an existing file is changed after its diff is shown and the person says yes", async () => {
    nextProject();
    const tty = runCliOnTty(["init", "--app", sandbox.credentials.application_id], { env: ttyEnv(), cwd: project });
    await tty.waitFor("Change app/layout.tsx as shown?");
    expect(tty.output()).toContain("+    <ClerkProvider>");
    tty.type("y\r");
    const done = await tty.done;
    expect(done.code, done.output).toBe(0);
    expect(done.output).toContain("updated  app/layout.tsx");
    expect(read("app/layout.tsx")).toContain("<ClerkProvider>");
  });

  test("without a package.json: the Go CLI's profile wizard (name, then the secret key, not echoed)", async () => {
    const tty = runCliOnTty(["init"], { env: ttyEnv(), cwd: project });
    await tty.waitFor("Profile name (default):");
    tty.type("work\r");
    await tty.waitFor("Clerk secret key");
    tty.type("sk_test_wizard123\r");
    const done = await tty.done;
    expect(done.code, done.output).toBe(0);
    expect(done.output).toContain('Created profile "work" and made it the active one.');
    expect(done.output).not.toContain("sk_test_wizard123");
    const shown = await runCli(["config", "get", "secret_key", "--profile", "work", "--reveal", "--json"], {
      env: ttyEnv(),
    });
    expect(shown.stdout).toContain("sk_test_wizard123");
  });
});
