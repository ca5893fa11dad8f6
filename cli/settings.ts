/**
 * Settings resolution, the one entry point every command uses: flag > environment > `.env` >
 * linked project (`clerk link`) > active profile > default, with where each value came from. The work is in `cli/config/`.
 */

export { DEFAULT_API_URL, DEFAULT_OAUTH_BASE_URL, DEFAULT_OAUTH_CLIENT_ID, type SettingKey } from "./config/keys";
export {
  type ResolveOptions,
  resolveSettings,
  type SettingOrigin,
  type SettingProblem,
  type SettingSource,
  type Settings,
} from "./config/resolve";
