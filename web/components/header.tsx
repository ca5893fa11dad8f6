import { useEffect, useRef, useState } from "preact/hooks";
import type { PanelInfo } from "../../shared/panel-info";
import { getInfo, login, logout, setTarget } from "../api";
import { queryClient, useQuery } from "../query";
import { navigate, TARGET_PARAMS, useLocation } from "../router";
import { applyTheme, currentTheme, nextTheme } from "./theme";
import { toast } from "./toasts";

export function usePanelInfo() {
  return useQuery({ queryKey: ["info"], queryFn: getInfo, staleTime: 60_000 });
}

/** `path` (and its query) with the app and instance `info` works on: `?app=app_…&instance=development`. */
function withTarget(info: PanelInfo, path: string): string {
  const url = new URL(path, location.origin);
  for (const name of TARGET_PARAMS) url.searchParams.delete(name);
  if (info.application && info.instance) {
    url.searchParams.set("app", info.application.id);
    url.searchParams.set("instance", info.instance.environment_type);
  }
  return url.pathname + url.search;
}

/** Whether the URL's `?app=&instance=` name what `info` works on (the instance by its type or its id). */
function urlShows(info: PanelInfo, query: URLSearchParams): boolean {
  const [app, instance] = TARGET_PARAMS.map((name) => query.get(name));
  if (!info.application || !info.instance) return app === null && instance === null;
  return app === info.application.id && (instance === info.instance.environment_type || instance === info.instance.id);
}

/**
 * Everything shown belonged to the previous app/instance (or account): refetch it all, put the
 * new one in the URL, and (unless the URL asked for it) leave a record's page, whose record does
 * not exist there.
 */
async function showNewTarget(info: PanelInfo, options: { leaveRecord: boolean }): Promise<void> {
  queryClient.setQueryData(["info"], info);
  const section = `/${location.pathname.split("/")[1] ?? ""}`;
  const leave = options.leaveRecord && section !== location.pathname;
  navigate(withTarget(info, leave ? section : location.pathname + location.search), { replace: !leave, exact: true });
  await queryClient.resetQueries({ predicate: (query) => !["info", "catalog"].includes(String(query.queryKey[0])) });
}

/**
 * The app and instance in the URL are the ones shown, so a link opens what it showed: the panel
 * switches to them when the server works on another (a link from another tab, or the other tab
 * switched meanwhile); a URL without them (`/users/user_…`) gets the current ones. True once the
 * URL and the server agree, or when the panel's info cannot be read (the page shows that error).
 */
export function useUrlTarget(): boolean {
  const { data: info, isError } = usePanelInfo();
  const { query } = useLocation();
  const agrees = info ? urlShows(info, query) : isError;
  const [app, instance] = TARGET_PARAMS.map((name) => query.get(name) ?? undefined);
  const switching = useRef(false);
  useEffect(() => {
    if (!info || agrees || switching.current) return;
    const here = location.pathname + location.search;
    if (!info.application || !info.instance || (app === undefined && instance === undefined)) {
      navigate(withTarget(info, here), { replace: true, exact: true });
      return;
    }
    switching.current = true;
    setTarget(app ?? info.application.id, instance ?? info.instance.environment_type)
      .then((next) => showNewTarget(next, { leaveRecord: false }))
      .catch((error: unknown) => {
        // An app or instance this account does not have: say so, and show the current one.
        toast.error(error);
        navigate(withTarget(info, here), { replace: true, exact: true });
      })
      .finally(() => {
        switching.current = false;
      });
  }, [info, agrees, app, instance]);
  return agrees;
}

async function switchTo(applicationId: string, instance: string): Promise<void> {
  try {
    await showNewTarget(await setTarget(applicationId, instance), { leaveRecord: true });
  } catch (error) {
    toast.error(error);
  }
}

const ENVIRONMENTS = ["development", "production"] as const;

/** The application and instance the panel works on; one select each. */
function TargetPicker({ info }: { info: PanelInfo }) {
  // Both stay disabled until a switch is done: picking an instance meanwhile would pick it in
  // the previous application.
  const [switching, setSwitching] = useState(false);
  const pick = async (applicationId: string, instance: string) => {
    setSwitching(true);
    await switchTo(applicationId, instance);
    setSwitching(false);
  };
  const app = info.applications.find((candidate) => candidate.id === info.application?.id);
  if (!app) {
    // A secret key alone: its instance, nothing to pick.
    return info.instance ? (
      <span class="header-field" data-testid="instance-name">
        <span class="header-label">Instance</span>
        {info.instance.environment_type}
      </span>
    ) : null;
  }
  return (
    <>
      <label class="header-field">
        <span class="header-label">App</span>
        <select
          data-testid="app-picker"
          value={app.id}
          disabled={switching}
          onChange={(event) => {
            const next = info.applications.find((a) => a.id === (event.target as HTMLSelectElement).value);
            // Stay on the same kind of instance where the other app has one.
            const instance =
              next?.instances.find((i) => i.environment_type === info.instance?.environment_type) ??
              next?.instances.find((i) => i.environment_type === "development") ??
              next?.instances[0];
            if (next && instance) void pick(next.id, instance.id);
          }}
        >
          {info.applications.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name}
            </option>
          ))}
        </select>
      </label>
      <label class="header-field">
        <span class="header-label">Instance</span>
        <select
          data-testid="instance-picker"
          value={info.instance?.id}
          disabled={switching}
          onChange={(event) => void pick(app.id, (event.target as HTMLSelectElement).value)}
        >
          {[...app.instances]
            .sort((a, b) => ENVIRONMENTS.indexOf(a.environment_type) - ENVIRONMENTS.indexOf(b.environment_type))
            .map((instance) => (
              <option key={instance.id} value={instance.id}>
                {instance.environment_type}
              </option>
            ))}
        </select>
      </label>
    </>
  );
}

function Account({ info }: { info: PanelInfo }) {
  const [busy, setBusy] = useState(false);
  if (!info.login.available) return null;
  if (info.login.logged_in) {
    const account = info.login.account;
    return (
      <span class="header-field">
        <span class="account" data-testid="account" title={account?.email ?? ""}>
          {account?.name ?? account?.email ?? "Logged in"}
        </span>
        <button
          type="button"
          data-testid="logout"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              const result = await logout();
              if (result.revoked) toast.success("Logged out", "The tokens were revoked at Clerk and deleted here.");
              else toast.success("Logged out", `The tokens were deleted here but not revoked (${result.problem}).`);
              await showNewTarget(await getInfo(), { leaveRecord: true });
            } catch (error) {
              toast.error(error);
            } finally {
              setBusy(false);
            }
          }}
        >
          Log out
        </button>
      </span>
    );
  }
  return (
    <button
      type="button"
      class="primary"
      data-testid="login"
      disabled={busy}
      title="Sign in to Clerk in this tab; the panel then works on your applications"
      onClick={async () => {
        setBusy(true);
        try {
          location.assign((await login()).authorize_url);
        } catch (error) {
          toast.error(error);
          setBusy(false);
        }
      }}
    >
      Log in with Clerk
    </button>
  );
}

const THEME_ICONS = { dark: "☾", light: "☀", system: "◐" } as const;

/** Always shows which app, which instance (production marked) and which API host are in use. */
export function Header() {
  const { data: info } = usePanelInfo();
  const [theme, setTheme] = useState(currentTheme());
  const production = info?.instance?.environment_type === "production";
  return (
    <header class={`header${production ? " header-production" : ""}`} data-testid="header">
      <a href="/users" class="brand">
        Clerk panel
      </a>
      {info?.sandbox && (
        <span
          class="badge badge-sandbox"
          data-testid="sandbox-badge"
          title="Running on the local sandbox, not on Clerk"
        >
          sandbox
        </span>
      )}
      {info && <TargetPicker info={info} />}
      {production && (
        <span class="badge badge-production" data-testid="production-badge" title="Changes here affect your live users">
          production
        </span>
      )}
      <span class="header-spacer" />
      {info && (
        <span class="header-field" title="The Backend API the panel calls">
          <span class="header-label">API</span>
          <span class="mono" data-testid="api-host">
            {info.api_host}
          </span>
        </span>
      )}
      {info && <Account info={info} />}
      <button
        type="button"
        class="icon-button theme-toggle"
        aria-label={`Theme: ${theme}`}
        title={`Theme: ${theme} (click to change)`}
        data-testid="theme-toggle"
        onClick={() => setTheme(applyTheme(nextTheme(theme)))}
      >
        {THEME_ICONS[theme]}
      </button>
    </header>
  );
}
