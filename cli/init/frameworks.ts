import type { Framework as EnvFramework } from "../env/framework";
import {
  astroIntegration,
  expressIntegration,
  fastifyIntegration,
  type Integration,
  manualIntegration,
  nextIntegration,
  reactIntegration,
} from "./integration";
import type { Project } from "./project";

/** The frameworks `clerk init` sets up (the official CLI's `--framework` choices, less the native ones). */
export const INIT_FRAMEWORKS = [
  "next",
  "astro",
  "nuxt",
  "tanstack-start",
  "react-router",
  "vue",
  "expo",
  "react",
  "javascript",
  "express",
  "fastify",
] as const;
export type InitFramework = (typeof INIT_FRAMEWORKS)[number];

/** The official CLI's other choices: native apps, set up in Xcode / Android Studio, not from package.json. */
export const NATIVE_FRAMEWORKS = ["ios", "android"] as const;

export interface FrameworkSpec {
  id: InitFramework;
  name: string;
  /** The dependency that shows the project uses it (the first found is the evidence). */
  detect(project: Project): string | undefined;
  /** Clerk's SDK for it. */
  clerkPackage: string;
  /** How `env pull` names its keys (the publishable key's prefix). */
  env(project: Project): EnvFramework;
  quickstart: string;
  integrate(project: Project): Integration;
}

const having =
  (...names: string[]) =>
  (project: Project) =>
    names.find((name) => project.deps.has(name) || [...project.deps.keys()].some((dep) => dep.startsWith(`${name}/`)));

const viteOr = (fallback: EnvFramework) => (project: Project) =>
  project.deps.has("vite") || [...project.deps.keys()].some((dep) => dep.startsWith("@vitejs/")) ? "vite" : fallback;

const docs = (path: string) => `https://clerk.com/docs/${path}/getting-started/quickstart`;

/** Detection order matters: meta-frameworks before the libraries they build on, servers last. */
export const FRAMEWORK_TABLE: readonly FrameworkSpec[] = [
  {
    id: "next",
    name: "Next.js",
    detect: having("next", "@clerk/nextjs"),
    clerkPackage: "@clerk/nextjs",
    env: () => "next",
    quickstart: docs("nextjs"),
    integrate: nextIntegration,
  },
  {
    id: "tanstack-start",
    name: "TanStack Start",
    detect: having("@tanstack/react-start", "@tanstack/start", "@clerk/tanstack-react-start"),
    clerkPackage: "@clerk/tanstack-react-start",
    env: () => "vite",
    quickstart: docs("tanstack-react-start"),
    integrate: manualIntegration(
      "src/start.ts: add clerkMiddleware() (from @clerk/tanstack-react-start/server) to the request middleware.",
      "src/routes/__root.tsx: wrap the document in <ClerkProvider> (from @clerk/tanstack-react-start).",
    ),
  },
  {
    id: "react-router",
    name: "React Router",
    detect: having("@react-router", "@clerk/react-router", "@remix-run", "@clerk/remix"),
    clerkPackage: "@clerk/react-router",
    env: () => "other",
    quickstart: docs("react-router"),
    integrate: manualIntegration(
      "app/root.tsx: export the clerkMiddleware() and rootAuthLoader (from @clerk/react-router/server) and wrap the app in <ClerkProvider loaderData={loaderData}>.",
    ),
  },
  {
    id: "nuxt",
    name: "Nuxt",
    detect: having("nuxt", "@clerk/nuxt"),
    clerkPackage: "@clerk/nuxt",
    env: () => "other",
    quickstart: docs("nuxt"),
    integrate: manualIntegration('nuxt.config: add "@clerk/nuxt" to `modules`.'),
  },
  {
    id: "astro",
    name: "Astro",
    detect: having("astro", "@clerk/astro"),
    clerkPackage: "@clerk/astro",
    env: () => "astro",
    quickstart: docs("astro"),
    integrate: astroIntegration,
  },
  {
    id: "expo",
    name: "Expo",
    detect: having("expo", "@clerk/expo", "@clerk/clerk-expo"),
    clerkPackage: "@clerk/expo",
    env: () => "expo",
    quickstart: docs("expo"),
    integrate: manualIntegration(
      "app/_layout.tsx: wrap the app in <ClerkProvider tokenCache={tokenCache}> (from @clerk/expo; tokenCache from @clerk/expo/token-cache).",
    ),
  },
  {
    id: "vue",
    name: "Vue",
    detect: having("vue", "@clerk/vue"),
    clerkPackage: "@clerk/vue",
    env: viteOr("other"),
    quickstart: docs("vue"),
    integrate: manualIntegration(
      "src/main: app.use(clerkPlugin, { publishableKey: import.meta.env.VITE_CLERK_PUBLISHABLE_KEY }) (clerkPlugin from @clerk/vue).",
    ),
  },
  {
    id: "react",
    name: "React (Vite)",
    detect: having("react", "@clerk/react", "@clerk/clerk-react"),
    clerkPackage: "@clerk/react",
    env: viteOr("other"),
    quickstart: docs("react"),
    integrate: reactIntegration,
  },
  {
    id: "fastify",
    name: "Fastify",
    detect: having("fastify", "@clerk/fastify"),
    clerkPackage: "@clerk/fastify",
    env: () => "other",
    quickstart: docs("fastify"),
    integrate: fastifyIntegration,
  },
  {
    id: "express",
    name: "Express",
    detect: having("express", "@clerk/express"),
    clerkPackage: "@clerk/express",
    env: () => "other",
    quickstart: docs("expressjs"),
    integrate: expressIntegration,
  },
  {
    id: "javascript",
    name: "JavaScript",
    // Any other project with a package.json.
    detect: () => "package.json",
    clerkPackage: "@clerk/clerk-js",
    env: viteOr("other"),
    quickstart: docs("js-frontend"),
    integrate: manualIntegration(
      "Your entry script: create `new Clerk(publishableKey)` (from @clerk/clerk-js) and `await clerk.load()`.",
    ),
  },
];

export const frameworkSpec = (id: InitFramework) => FRAMEWORK_TABLE.find((spec) => spec.id === id) as FrameworkSpec;

/** The project's framework: `--framework`, else the first of the table the dependencies show. */
export function chooseFramework(
  project: Project,
  flag: InitFramework | undefined,
): { spec: FrameworkSpec; evidence?: string } {
  if (flag) return { spec: frameworkSpec(flag) };
  for (const spec of FRAMEWORK_TABLE) {
    const evidence = spec.detect(project);
    if (evidence) return { spec, evidence };
  }
  return { spec: frameworkSpec("javascript") };
}
