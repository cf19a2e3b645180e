// Vega-Lite compiled to Vega and run by a bare vega View (no vega-embed: no injected styles,
// themes or tooltip plugin), with the CSP-safe expression interpreter.
import { parse, View } from "vega";
import { expressionInterpreter } from "vega-interpreter";
import { compile } from "vega-lite";
import { handle, specs } from "./vega-specs.js";

export async function render(containers, data, palette, onSelect) {
  const views = specs(data, palette).map(
    (spec, i) =>
      new View(parse(compile(spec).spec, null, { ast: true }), {
        expr: expressionInterpreter,
        renderer: "svg",
        container: containers[i],
        hover: true,
      }),
  );
  await Promise.all(views.map((view) => view.runAsync()));
  return handle(views, containers, onSelect);
}
