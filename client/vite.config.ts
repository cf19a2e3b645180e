import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// One build serves both hosts. It goes into the server package so `rollbook serve` can serve it
// without Node (Connect: the page shell loads the manifest's entry from /static/app/), and the
// same folder is the Forge Custom UI resource (index.html).
export default defineConfig(({ mode }) => ({
  plugins: [react()],
  // The in-memory debug hook (`window.__rollbookDebug`, session/reportSession.ts) exists in
  // development and unit tests only: a production build replaces the flag with `false` and the
  // minifier drops the hook, so the shipped bundle cannot expose what a session holds.
  define: { __ROLLBOOK_DEBUG_HOOK__: JSON.stringify(mode !== "production") },
  // Relative asset URLs, as Forge requires: chunks and stylesheets resolve from the entry
  // script's own URL, which works under /static/app/ (Connect) and under Forge's resource URL.
  base: "./",
  build: {
    outDir: "../src/rollbook/static/app",
    emptyOutDir: true,
    manifest: true,
    rollupOptions: { input: "index.html" },
  },
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    environment: "node",
  },
}));
