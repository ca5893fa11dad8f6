import { useEffect } from "preact/hooks";
import { Header } from "./components/header";
import { Toasts } from "./components/toasts";
import { match, navigate, useLocation } from "./router";
import { ConfigView } from "./views/config/config-view";
import { DeployView } from "./views/deploy/deploy-view";
import { OrgDetail } from "./views/orgs/org-detail";
import { OrgList } from "./views/orgs/org-list";
import { UserDetail } from "./views/users/user-detail";
import { UserList } from "./views/users/user-list";

const SECTIONS = [
  { path: "/users", label: "Users" },
  { path: "/orgs", label: "Organizations" },
  { path: "/config", label: "Config" },
  { path: "/deploy", label: "Deploy" },
];

function Route({ path }: { path: string }) {
  let params: Record<string, string> | null;
  if ((params = match("/users/:user_id", path))) return <UserDetail userId={params.user_id as string} />;
  if (match("/users", path)) return <UserList />;
  if ((params = match("/orgs/:organization_id", path)))
    return <OrgDetail organizationId={params.organization_id as string} />;
  if (match("/orgs", path)) return <OrgList />;
  if (match("/config", path)) return <ConfigView />;
  if (match("/deploy", path)) return <DeployView />;
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
          const up = location.pathname.split("/").slice(0, 2).join("/");
          if (up !== location.pathname) navigate(up);
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
