import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// One build serves both hosts. It goes into the server package so `rollbook serve` can serve it
// without Node (Connect: the page shell loads the manifest's entry from /static/app/), and the
// same folder is the Forge Custom UI resource (index.html).
export default defineConfig({
  plugins: [react()],
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
});
