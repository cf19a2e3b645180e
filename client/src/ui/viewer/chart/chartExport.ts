/**
 * PNG and SVG of the chart on screen, made in the frame without network (docs/charts.md): the SVG
 * is ECharts' own standalone document; the PNG is that SVG as a `data:` image (both hosts' CSP
 * allow `data:` images, Connect's no `blob:` ones) drawn on a canvas at twice its size.
 */

import type { ChartOnScreen } from "./chartOnScreen";

export const SVG_MIME = "image/svg+xml";
export const PNG_MIME = "image/png";
const PNG_SCALE = 2;

export function svgDataUrl(svg: string): string {
  return `data:${SVG_MIME};charset=utf-8,${encodeURIComponent(svg)}`;
}

export async function chartPng(chart: ChartOnScreen): Promise<Uint8Array> {
  const { width, height } = chart.size();
  const image = new Image();
  image.width = width;
  image.height = height;
  await new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error("The chart could not be drawn as an image."));
    image.src = svgDataUrl(chart.svg());
  });
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(width * PNG_SCALE));
  canvas.height = Math.max(1, Math.round(height * PNG_SCALE));
  const context = canvas.getContext("2d");
  if (!context) throw new Error("This browser cannot draw the chart as an image.");
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, PNG_MIME));
  if (!blob) throw new Error("The chart could not be saved as PNG.");
  return new Uint8Array(await blob.arrayBuffer());
}
