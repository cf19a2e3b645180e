// Vega-Lite through vega-embed with vega-interpreter: Vega's CSP-safe expression evaluator.
import embed from "vega-embed";
import { expressionInterpreter } from "vega-interpreter";
import { handle, specs } from "./vega-specs.js";

export async function render(containers, data, palette, onSelect) {
  const options = { renderer: "svg", actions: false, ast: true, expr: expressionInterpreter };
  const results = await Promise.all(specs(data, palette).map((spec, i) => embed(containers[i], spec, options)));
  return handle(
    results.map((r) => r.view),
    containers,
    onSelect,
  );
}
