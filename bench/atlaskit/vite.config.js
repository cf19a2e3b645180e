// One probe entry per build: PROBE (react-only, viewer-set or full-set) names src/PROBE.tsx.
import react from "@vitejs/plugin-react";

export default { plugins: [react()], build: { emptyOutDir: true, rollupOptions: { input: `${process.env.PROBE}.html` } } };
