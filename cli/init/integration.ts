import { firstExisting, type Project } from "./project";

/** One file `clerk init` writes: new (`before` undefined) or an edit of an existing one. */
export interface FileChange {
  path: string;
  before?: string;
  after: string;
}

/** What a framework's quickstart asks of the project's code: files written, steps left to the user. */
export interface Integration {
  files: FileChange[];
  manual: string[];
}

const NEXT_MATCHER = [
  "    // Skip Next.js internals and all static files, unless found in search params",
  "    '/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)',",
  "    // Always run for API routes",
  "    '/(api|trpc)(.*)',",
];

/** Adds `line` after the file's last import (or at the top). */
function addImport(text: string, line: string): string {
  const lines = text.split("\n");
  let last = -1;
  lines.forEach((current, index) => {
    if (/^import\s|^(const|let|var)\s.*=\s*require\(/.test(current)) last = index;
  });
  // An import spanning lines ends at the first line after it that closes it.
  while (
    last >= 0 &&
    last + 1 < lines.length &&
    !/from\s+["'][^"']+["'];?\s*$|require\(.*\);?\s*$|^import\s+["']/.test(lines[last] as string)
  )
    last++;
  // A leading "use client"/"use server" directive stays first.
  if (last === -1 && /^["']use (client|server)["']/.test(lines[0] ?? "")) last = 0;
  lines.splice(last + 1, 0, line);
  return lines.join("\n");
}

const usesRequire = (text: string) => /\brequire\(/.test(text) && !/^import\s/m.test(text);

const scriptExt = (project: Project) => (project.exists("tsconfig.json") ? "ts" : "js");

function majorVersion(range: string | undefined): number | undefined {
  const match = range?.match(/(\d+)/);
  return match ? Number(match[1]) : undefined;
}

/** Next.js (App Router): `clerkMiddleware()` in middleware.ts (proxy.ts from Next.js 16) and <ClerkProvider> in the root layout. */
export function nextIntegration(project: Project): Integration {
  const files: FileChange[] = [];
  const manual: string[] = [];
  const src = project.exists("src/app") || project.exists("src/pages") ? "src/" : "";
  const ext = scriptExt(project);
  const nextMajor = majorVersion(project.deps.get("next"));
  const name = nextMajor !== undefined && nextMajor >= 16 ? "proxy" : "middleware";
  const middleware = `${src}${name}.${ext}`;
  const existing = firstExisting(project, [
    `${src}middleware.ts`,
    `${src}middleware.js`,
    `${src}proxy.ts`,
    `${src}proxy.js`,
  ]);
  if (existing) {
    if (!project.read(existing)?.includes("clerkMiddleware")) {
      manual.push(`${existing} exists: call clerkMiddleware() from @clerk/nextjs/server in it.`);
    }
  } else {
    files.push({
      path: middleware,
      after: [
        'import { clerkMiddleware } from "@clerk/nextjs/server";',
        "",
        "export default clerkMiddleware();",
        "",
        "export const config = {",
        "  matcher: [",
        ...NEXT_MATCHER,
        "  ],",
        "};",
        "",
      ].join("\n"),
    });
  }
  const appDir = project.exists(`${src}app`) ? `${src}app` : undefined;
  if (!appDir) {
    manual.push("Pages Router: wrap the app in <ClerkProvider> (from @clerk/nextjs) in pages/_app.");
    return { files, manual };
  }
  const layoutPath = firstExisting(
    project,
    ["tsx", "jsx", "js", "ts"].map((e) => `${appDir}/layout.${e}`),
  );
  const layout = layoutPath ? project.read(layoutPath) : undefined;
  if (layoutPath && layout !== undefined) {
    if (layout.includes("ClerkProvider")) return { files, manual };
    const wrapped = layout.replace(/(\s*)(<html[\s\S]*<\/html>)/, (_all, space: string, html: string) => {
      const indent = space.replace(/^\n/, "");
      const inner = html.replace(/\n/g, "\n  ");
      return `${space}<ClerkProvider>\n${indent}  ${inner}\n${indent}</ClerkProvider>`;
    });
    if (wrapped === layout) {
      manual.push(`${layoutPath}: wrap the <html> element in <ClerkProvider> (from @clerk/nextjs).`);
    } else {
      files.push({
        path: layoutPath,
        before: layout,
        after: addImport(wrapped, 'import { ClerkProvider } from "@clerk/nextjs";'),
      });
    }
  } else {
    files.push({
      path: `${appDir}/layout.${ext}x`,
      after: [
        'import { ClerkProvider } from "@clerk/nextjs";',
        "",
        `export default function RootLayout({ children }${ext === "ts" ? ": { children: React.ReactNode }" : ""}) {`,
        "  return (",
        "    <ClerkProvider>",
        '      <html lang="en">',
        "        <body>{children}</body>",
        "      </html>",
        "    </ClerkProvider>",
        "  );",
        "}",
        "",
      ].join("\n"),
    });
  }
  return { files, manual };
}

/** React with Vite: <ClerkProvider> around <App /> in main.tsx. */
export function reactIntegration(project: Project): Integration {
  const mainPath = firstExisting(project, ["src/main.tsx", "src/main.jsx", "src/index.tsx", "src/index.jsx"]);
  const main = mainPath ? project.read(mainPath) : undefined;
  if (!mainPath || main === undefined) {
    return { files: [], manual: ["Wrap your root component in <ClerkProvider> (from @clerk/react)."] };
  }
  if (main.includes("ClerkProvider")) return { files: [], manual: [] };
  const wrapped = main.replace(
    /<App\s*\/>/,
    "<ClerkProvider publishableKey={import.meta.env.VITE_CLERK_PUBLISHABLE_KEY}>\n      <App />\n    </ClerkProvider>",
  );
  if (wrapped === main) {
    return { files: [], manual: [`${mainPath}: wrap <App /> in <ClerkProvider> (from @clerk/react).`] };
  }
  return {
    files: [
      { path: mainPath, before: main, after: addImport(wrapped, 'import { ClerkProvider } from "@clerk/react";') },
    ],
    manual: [],
  };
}

/** The server's entry file: package.json's `main`, else the usual names. */
function serverFile(project: Project): string | undefined {
  const candidates = [
    ...(project.main ? [project.main] : []),
    ...["index", "server", "app", "src/index", "src/server", "src/app"].flatMap((base) =>
      ["ts", "js", "mjs", "cjs"].map((e) => `${base}.${e}`),
    ),
  ];
  return firstExisting(project, candidates);
}

/**
 * A Node server: the import of the Clerk package and one line registering it after the
 * statement that creates the server (`const app = express()`).
 */
function serverIntegration(
  project: Project,
  options: { package: string; exported: string; creates: RegExp; register: (name: string) => string },
): Integration {
  const path = serverFile(project);
  const text = path ? project.read(path) : undefined;
  const manualStep = `${path ?? "Your server file"}: ${options.register("app")} with ${options.exported} from ${options.package}.`;
  const dotenv = 'Load the env file when the server starts (`node --env-file=.env …`, or `import "dotenv/config"`).';
  if (!path || text === undefined) return { files: [], manual: [manualStep, dotenv] };
  if (text.includes(options.exported)) return { files: [], manual: [] };
  const lines = text.split("\n");
  const index = lines.findIndex((line) => options.creates.test(line));
  const match = index === -1 ? undefined : (lines[index] as string).match(options.creates);
  // The statement must end on its line: a call spanning lines is left to the user.
  if (!match || !/\)\s*;?\s*$/.test(lines[index] as string)) return { files: [], manual: [manualStep, dotenv] };
  const indent = (lines[index] as string).match(/^\s*/)?.[0] ?? "";
  lines.splice(index + 1, 0, `${indent}${options.register(match[1] as string)}`);
  const importLine = usesRequire(text)
    ? `const { ${options.exported} } = require("${options.package}");`
    : `import { ${options.exported} } from "${options.package}";`;
  return { files: [{ path, before: text, after: addImport(lines.join("\n"), importLine) }], manual: [dotenv] };
}

export const expressIntegration = (project: Project) =>
  serverIntegration(project, {
    package: "@clerk/express",
    exported: "clerkMiddleware",
    creates: /(?:const|let|var)\s+(\w+)\s*=\s*express\(\s*\)/,
    register: (app) => `${app}.use(clerkMiddleware());`,
  });

export const fastifyIntegration = (project: Project) =>
  serverIntegration(project, {
    package: "@clerk/fastify",
    exported: "clerkPlugin",
    creates: /(?:const|let|var)\s+(\w+)\s*=\s*(?:Fastify|fastify)\(.*\)/,
    register: (app) => `${app}.register(clerkPlugin);`,
  });

/** Astro: the middleware file; the integration in astro.config is left to the user (it needs an adapter). */
export function astroIntegration(project: Project): Integration {
  const manual = [
    'astro.config: add clerk() (from @clerk/astro) to `integrations`, with `output: "server"` and an adapter.',
  ];
  const existing = firstExisting(project, ["src/middleware.ts", "src/middleware.js"]);
  if (existing) {
    if (!project.read(existing)?.includes("clerkMiddleware")) {
      manual.push(`${existing} exists: export clerkMiddleware() from @clerk/astro/server as onRequest.`);
    }
    return { files: [], manual };
  }
  return {
    files: [
      {
        path: `src/middleware.${scriptExt(project)}`,
        after:
          'import { clerkMiddleware } from "@clerk/astro/server";\n\nexport const onRequest = clerkMiddleware();\n',
      },
    ],
    manual,
  };
}

/** Frameworks whose setup touches code this command does not edit: the steps, for the user. */
export const manualIntegration =
  (...steps: string[]) =>
  (): Integration => ({ files: [], manual: steps });
