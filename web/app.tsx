import { useEffect } from "preact/hooks";
import { Header } from "./components/header";
import { SessionEndedBanner } from "./components/states";
import { Toasts } from "./components/toasts";
import { match, navigate, useLocation } from "./router";
import { ConfigView } from "./views/config/config-view";
import { DeployView } from "./views/deploy/deploy-view";
import { GENERIC_ROUTES } from "./views/generic/routes";
import { OrgDetail } from "./views/orgs/org-detail";
import { OrgList } from "./views/orgs/org-list";
import { ProtectView } from "./views/protect/protect-view";
import { UserDetail } from "./views/users/user-detail";
import { UserList } from "./views/users/user-list";

const SECTIONS = [
  { path: "/users", label: "Users" },
  { path: "/orgs", label: "Organizations" },
  { path: "/config", label: "Config" },
  { path: "/deploy", label: "Deploy" },
  { path: "/protect", label: "Protect" },
  { path: "/more", label: "More" },
];

const ROUTES: { pattern: string; view(params: Record<string, string>): preact.JSX.Element }[] = [
  { pattern: "/users/:user_id", view: (p) => <UserDetail userId={p.user_id as string} /> },
  { pattern: "/users", view: () => <UserList /> },
  { pattern: "/orgs/:organization_id", view: (p) => <OrgDetail organizationId={p.organization_id as string} /> },
  { pattern: "/orgs", view: () => <OrgList /> },
  { pattern: "/config", view: () => <ConfigView /> },
  { pattern: "/deploy", view: () => <DeployView /> },
  { pattern: "/protect", view: () => <ProtectView /> },
  ...GENERIC_ROUTES,
];

function Route({ path }: { path: string }) {
  for (const route of ROUTES) {
    const params = match(route.pattern, path);
    if (params) return route.view(params);
  }
  return (
    <div class="empty-state">
      <strong>Nothing here.</strong> <a href="/users">Go to users</a>
    </div>
  );
}

/** `/` focuses the page's search; Esc leaves a detail page. Links navigate without reloading. */
function useGlobalKeys() {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      const typing = target.closest("input, textarea, select, [contenteditable]");
      if (event.key === "/" && !typing) {
        const search = document.querySelector<HTMLInputElement>("[data-search]");
        if (search) {
          event.preventDefault();
          search.focus();
        }
      } else if (event.key === "Escape" && !document.querySelector("dialog[open]")) {
        if (typing) (target as HTMLElement).blur();
        else {
          // One level up: a record → its list (`/more/sessions/sess_1` → `/more/sessions`).
          const up = location.pathname.replace(/\/[^/]+\/?$/, "");
          if (up) navigate(up);
        }
      }
    };
    const onClick = (event: MouseEvent) => {
      const anchor = (event.target as HTMLElement).closest("a");
      if (!anchor || anchor.target || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const href = anchor.getAttribute("href");
      if (href?.startsWith("/") && !href.startsWith("//")) {
        event.preventDefault();
        navigate(href);
      }
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("click", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("click", onClick);
    };
  }, []);
}

export function App() {
  const { path } = useLocation();
  useGlobalKeys();
  useEffect(() => {
    if (path === "/") navigate("/users", { replace: true });
  }, [path]);
  return (
    <div class="shell">
      <Header />
      <SessionEndedBanner />
      <nav class="sections" aria-label="Sections">
        {SECTIONS.map((section) => (
          <a key={section.path} href={section.path} aria-current={path.startsWith(section.path) ? "page" : undefined}>
            {section.label}
          </a>
        ))}
      </nav>
      <main class="content">
        <Route path={path} />
      </main>
      <Toasts />
    </div>
  );
}
