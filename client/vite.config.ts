import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// The build goes into the server package so `rollbook serve` can serve it without Node.
export default defineConfig({
  plugins: [react()],
  base: "/static/app/",
  build: {
    outDir: "../src/rollbook/static/app",
    emptyOutDir: true,
    manifest: true,
    rollupOptions: { input: "src/main.tsx" },
  },
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    environment: "node",
  },
});
