import { SVGRenderer } from "echarts/renderers";
import { renderWith } from "./echarts-common.js";

export const render = renderWith("svg", [SVGRenderer]);
