export type Theme = "light" | "dark" | "system";

const KEY = "clerk-panel-theme";

/** Dark mode follows the system unless the person picked one; the choice is remembered. */
export function applyTheme(theme: Theme = (localStorage.getItem(KEY) as Theme | null) ?? "system"): Theme {
  if (theme === "system") document.documentElement.removeAttribute("data-theme");
  else document.documentElement.setAttribute("data-theme", theme);
  localStorage.setItem(KEY, theme);
  return theme;
}

export function currentTheme(): Theme {
  return (localStorage.getItem(KEY) as Theme | null) ?? "system";
}

export function nextTheme(theme: Theme): Theme {
  return theme === "system" ? "dark" : theme === "dark" ? "light" : "system";
}
