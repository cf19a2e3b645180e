// The probe page: its chart library loads on demand (its own chunk, as the chart views will), and
// window.__probe lets bench/charts/run.py time and inspect it.
import { createElement } from "react";
import { createRoot } from "react-dom/client";
import * as data from "./data.js";

// The client's initial bundle has React already: keep it here so that Recharts' chunk counts
// only Recharts.
window.__react = { createElement, createRoot };

// vite.config.js points "probe-library" at one of src/libs/: one build per library, so each
// build holds what a client with only that library would load.
const load = () => import("probe-library");

const containers = [...document.querySelectorAll(".chart")];
const selected = [];
let module = null;
let handle = null;

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

// Until the frame after the library says it has drawn: what a user waits for.
async function draw() {
  const start = performance.now();
  handle = await module.render(containers, data, data.palette, (selection) => selected.push(selection));
  await nextFrame();
  return performance.now() - start;
}

function clear() {
  handle?.dispose();
  for (const container of containers) container.replaceChildren();
}

const probe = {
  selected,
  async cold() {
    const start = performance.now();
    module = await load();
    const loadMs = performance.now() - start;
    const renderMs = await draw();
    return { loadMs, renderMs };
  },
  async warm(times) {
    const runs = [];
    for (let i = 0; i < times; i++) {
      clear();
      await nextFrame();
      runs.push(await draw());
    }
    return runs;
  },
  async inspect() {
    const { inspectChart } = await import("./check.js");
    return containers.map(inspectChart);
  },
  async exports() {
    const { checkExport } = await import("./check.js");
    const found = [];
    for (let i = 0; i < containers.length; i++) found.push(await checkExport(handle, i));
    return found;
  },
  markPoint: (i) => handle.markPoint(i),
  // One chart's PNG export as a data: URL, to look at.
  png: async (i) => await handle.exportPng(i),
  // A mark highlighted by code (bar chart, first series, first category), with its tooltip text.
  showMark: async () => (handle.showMark ? await handle.showMark(0, 0, 0) : "no API used"),
};
window.__probe = probe;
