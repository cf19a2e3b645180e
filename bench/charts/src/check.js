// What the probe reads back from a rendered chart: its ARIA and keyboard reach, and whether its
// SVG and PNG exports stand alone and show something.
import { pngFromSvgString } from "./svg-export.js";

const FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])";
const MARKS = "path, rect, circle, line, polyline, polygon, canvas";

function attributes(element) {
  if (!element) return null;
  const names = ["role", "aria-label", "aria-roledescription", "aria-description", "aria-describedby", "tabindex"];
  return Object.fromEntries(
    names.filter((name) => element.hasAttribute(name)).map((name) => [name, element.getAttribute(name).slice(0, 160)]),
  );
}

// The chart itself, not a legend swatch: the largest SVG or canvas.
function mainGraphic(container) {
  const area = (element) => element.getBoundingClientRect().width * element.getBoundingClientRect().height;
  return [...container.querySelectorAll("svg, canvas")].sort((a, b) => area(b) - area(a))[0] ?? null;
}

export function inspectChart(container) {
  const graphic = mainGraphic(container);
  return {
    graphic: graphic?.tagName.toLowerCase() ?? null,
    containerAria: attributes(container),
    wrapperAria: attributes(container.firstElementChild),
    graphicAria: attributes(graphic),
    marks: container.querySelectorAll(MARKS).length,
    labelledElements: container.querySelectorAll("[aria-label]").length,
    roles: [...new Set([...container.querySelectorAll("[role]")].map((e) => e.getAttribute("role")))],
    focusable: container.querySelectorAll(FOCUSABLE).length,
    tables: container.querySelectorAll("table").length,
    titles: container.querySelectorAll("title, desc").length,
  };
}

function loadImage(url) {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error("not an image"));
    image.src = url;
  });
}

// Pixels that are neither white nor transparent: a blank export has none.
async function painted(url) {
  const image = await loadImage(url);
  const canvas = document.createElement("canvas");
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
  let count = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    if (pixels[i + 3] > 0 && (pixels[i] < 240 || pixels[i + 1] < 240 || pixels[i + 2] < 240)) count++;
  }
  return { width: image.naturalWidth, height: image.naturalHeight, painted: count };
}

export async function checkExport(handle, i) {
  const result = { svg: null, png: null };
  try {
    const svg = await handle.exportSvg(i);
    if (svg) {
      const parsed = new DOMParser().parseFromString(svg, "image/svg+xml");
      const root = parsed.documentElement;
      const width = Number.parseFloat(root.getAttribute("width")) || 640;
      const height = Number.parseFloat(root.getAttribute("height")) || 360;
      result.svg = {
        bytes: svg.length,
        root: root.tagName,
        marks: parsed.querySelectorAll(MARKS).length,
        patterns: parsed.querySelectorAll("pattern").length,
        externalRefs: (svg.match(/(href|url)\((?!#)|xlink:href="(?!#|data:)|href="(?!#|data:)/g) ?? []).length,
        asImage: await painted(await pngFromSvgString(svg, width, height, 1)),
      };
    }
  } catch (error) {
    result.svg = { error: String(error) };
  }
  try {
    const png = await handle.exportPng(i);
    if (png) result.png = { bytes: png.length, ...(await painted(png)) };
  } catch (error) {
    result.png = { error: String(error) };
  }
  return result;
}
