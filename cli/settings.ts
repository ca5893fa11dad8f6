import type { GlobalOptions } from "./globals";

/** Clerk's public Backend API; `CLERK_API_URL` points elsewhere (e.g. the sandbox). */
export const DEFAULT_API_URL = "https://api.clerk.com";

export interface Settings {
  apiUrl: string;
  platformApiUrl: string;
  secretKey?: string;
  platformApiKey?: string;
  app?: string;
  instance?: string;
}

const trimSlash = (url: string) => url.replace(/\/+$/, "").replace(/\/v1$/, "");

/** Resolves settings: flag > environment > default. */
export async function resolveSettings(globals: GlobalOptions, env: NodeJS.ProcessEnv = process.env): Promise<Settings> {
  const apiUrl = trimSlash(env.CLERK_API_URL ?? env.CLERK_BACKEND_API_URL ?? DEFAULT_API_URL);
  return {
    apiUrl,
    platformApiUrl: trimSlash(env.CLERK_PLATFORM_API_URL ?? apiUrl),
    ...(env.CLERK_SECRET_KEY ? { secretKey: env.CLERK_SECRET_KEY } : {}),
    ...(env.CLERK_PLATFORM_API_KEY ? { platformApiKey: env.CLERK_PLATFORM_API_KEY } : {}),
    ...(globals.app ? { app: globals.app } : {}),
    ...(globals.instance ? { instance: globals.instance } : {}),
  };
}
