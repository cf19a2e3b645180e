// One build per library: PROBE names a file in src/libs/, which "probe-library" resolves to and
// main.js imports lazily (dist/PROBE/). The manifest tells run.py which files that import()
// loads, and modules.json which packages each file holds (for the licences).
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import react from "@vitejs/plugin-react";

const probe = process.env.PROBE;

function modulesPerChunk() {
  return {
    name: "modules-per-chunk",
    writeBundle(options, bundle) {
      const modules = {};
      for (const [file, chunk] of Object.entries(bundle)) {
        if (chunk.type === "chunk") modules[file] = Object.keys(chunk.modules);
      }
      writeFileSync(`${options.dir}/modules.json`, JSON.stringify(modules, null, 1));
    },
  };
}

export default {
  base: "./",
  plugins: [react(), modulesPerChunk()],
  resolve: { alias: { "probe-library": resolve(import.meta.dirname, "src/libs", probe) } },
  build: { emptyOutDir: true, manifest: true, outDir: `dist/${probe.replace(/\.\w+$/, "")}`, chunkSizeWarningLimit: 4000 },
};
