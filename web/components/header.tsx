import { useState } from "preact/hooks";
import { getInfo, login, logout, type PanelInfo, setTarget } from "../api";
import { queryClient, useQuery } from "../query";
import { applyTheme, currentTheme, nextTheme } from "./theme";
import { toast } from "./toasts";

export function usePanelInfo() {
  return useQuery({ queryKey: ["info"], queryFn: getInfo, staleTime: 60_000 });
}

function TargetPicker({ info }: { info: PanelInfo }) {
  const value = info.application && info.instance ? `${info.application.id}|${info.instance.id}` : "";
  const options = info.applications.flatMap((app) =>
    app.instances.map((instance) => ({
      value: `${app.id}|${instance.id}`,
      label: `${app.name} · ${instance.environment_type}`,
    })),
  );
  return (
    <select
      class="target-picker"
      aria-label="Application and instance"
      data-testid="target-picker"
      value={value}
      onChange={async (event) => {
        const [application, instance] = (event.target as HTMLSelectElement).value.split("|");
        try {
          await setTarget(application as string, instance as string);
          // Everything shown belonged to the previous instance.
          queryClient.clear();
        } catch (error) {
          toast.error(error);
        }
      }}
    >
      {options.length === 0 && <option value="">No application</option>}
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

function LoginButton({ info }: { info: PanelInfo }) {
  if (!info.login.available) return null;
  if (info.login.logged_in) {
    return (
      <button
        type="button"
        class="link-button"
        title={info.login.account?.email ?? ""}
        onClick={async () => {
          try {
            await logout();
            queryClient.clear();
          } catch (error) {
            toast.error(error);
          }
        }}
      >
        Log out {info.login.account?.name ?? ""}
      </button>
    );
  }
  return (
    <button
      type="button"
      class="primary"
      data-testid="login"
      onClick={async () => {
        try {
          location.assign((await login()).authorize_url);
        } catch (error) {
          toast.error(error);
        }
      }}
    >
      Log in with Clerk
    </button>
  );
}

/** Always shows which app, which instance (production marked) and which API host are in use. */
export function Header() {
  const { data: info } = usePanelInfo();
  const [theme, setTheme] = useState(currentTheme());
  const production = info?.instance?.environment_type === "production";
  return (
    <header class={`header${production ? " header-production" : ""}`}>
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
        <span class="badge badge-production" data-testid="production-badge">
          production
        </span>
      )}
      <span class="header-spacer" />
      {info && (
        <span class="muted mono api-host" title="Backend API host">
          {info.api_host}
        </span>
      )}
      {info && <LoginButton info={info} />}
      <button
        type="button"
        class="icon-button"
        aria-label={`Theme: ${theme}`}
        title={`Theme: ${theme} (click to change)`}
        data-testid="theme-toggle"
        onClick={() => setTheme(applyTheme(nextTheme(theme)))}
      >
        {theme === "dark" ? "☾" : theme === "light" ? "☀" : "◐"}
      </button>
    </header>
  );
}
