import { lazyView } from "../../components/lazy";

// The generic screens are their own chunk: only this file is part of the panel's first load.
const GenericScreen = lazyView(() => import("./generic-screen").then((module) => module.GenericScreen));

/** `/more`, `/more/<area>` and `/more/<area>/<record id>` (see panel-entries.ts). */
export const GENERIC_ROUTES: { pattern: string; view(params: Record<string, string>): preact.JSX.Element }[] = [
  { pattern: "/more/:area/:id", view: (p) => <GenericScreen area={p.area} recordId={p.id} /> },
  { pattern: "/more/:area", view: (p) => <GenericScreen area={p.area} /> },
  { pattern: "/more", view: () => <GenericScreen /> },
];
