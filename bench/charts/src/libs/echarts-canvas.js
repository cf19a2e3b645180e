import { CanvasRenderer } from "echarts/renderers";
import { renderWith } from "./echarts-common.js";

export const render = renderWith("canvas", [CanvasRenderer]);
