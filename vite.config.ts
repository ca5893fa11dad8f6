import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

// The panel: built to dist/web, served only from there by `clerk ui`.
export default defineConfig({
  root: "web",
  base: "/",
  plugins: [preact()],
  build: {
    outDir: "../dist/web",
    emptyOutDir: true,
    // No inline scripts or styles anywhere: the server's CSP forbids them.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: "es2022",
  },
});
