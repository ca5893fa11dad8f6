import { useEffect } from "preact/hooks";
import { Header, useUrlTarget } from "./components/header";
import { SessionEndedBanner, Skeleton } from "./components/states";
import { Toasts } from "./components/toasts";
import { match, navigate, useLocation } from "./router";
import { ROUTES } from "./views/screens";
import { VIEWS } from "./views/table";

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
      } else if (href?.startsWith("#")) {
        // In-page links ("Skip to content") move the focus there; URLs here have no fragments.
        event.preventDefault();
        document.getElementById(href.slice(1))?.focus();
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
  // The page waits for the app and instance its URL names (a link from another instance).
  const targetShown = useUrlTarget();
  useGlobalKeys();
  useEffect(() => {
    if (path === "/") navigate("/users", { replace: true });
  }, [path]);
  return (
    <div class="shell">
      <a href="#content" class="skip-link">
        Skip to content
      </a>
      <Header />
      <SessionEndedBanner />
      <nav class="sections" aria-label="Sections">
        {VIEWS.map((view) => (
          <a key={view.path} href={view.path} aria-current={path.startsWith(view.path) ? "page" : undefined}>
            {view.label}
          </a>
        ))}
      </nav>
      <main class="content" id="content" tabIndex={-1}>
        {targetShown ? <Route path={path} /> : <Skeleton lines={6} />}
      </main>
      <Toasts />
    </div>
  );
}
