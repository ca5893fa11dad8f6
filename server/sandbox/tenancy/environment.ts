/** A Clerk instance is one of an application's two environments. */
export type EnvironmentType = "development" | "production";
