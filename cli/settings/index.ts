/**
 * Settings resolution, the one entry point every command uses: flag > environment > `.env` >
 * linked project (`clerk link`) > active profile > default, with where each value came from. The work is in the modules beside this one.
 */

export { DEFAULT_API_URL, DEFAULT_OAUTH_BASE_URL, DEFAULT_OAUTH_CLIENT_ID, type SettingKey } from "./keys";
export {
  type ResolveOptions,
  resolveSettings,
  type SettingOrigin,
  type SettingProblem,
  type SettingSource,
  type Settings,
} from "./resolve";
