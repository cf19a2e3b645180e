// Vega-Lite through vega-embed as it comes: expressions compiled with Function() (needs
// 'unsafe-eval').
import embed from "vega-embed";
import { handle, specs } from "./vega-specs.js";

export async function render(containers, data, palette, onSelect) {
  const results = await Promise.all(specs(data, palette).map((spec, i) => embed(containers[i], spec, { renderer: "svg", actions: false })));
  return handle(
    results.map((r) => r.view),
    containers,
    onSelect,
  );
}
