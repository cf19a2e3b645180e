/**
 * The chart's keyboard layer: ECharts gives marks no focus, so the chart is one Tab stop and the
 * arrow keys move a current mark (category × series) kept in the panel's state. Left/Right go
 * along the x axis (the slices of a pie), Up/Down across the series, Home/End to the first and
 * last category. The first arrow press picks the first mark.
 */

export interface Mark {
  readonly category: number;
  readonly series: number;
}

const clamp = (value: number, size: number): number => Math.min(Math.max(value, 0), size - 1);

/** The mark after `key`, or undefined when the key does not move marks (the event is left alone). */
export function nextMark(current: Mark | null, key: string, categories: number, series: number): Mark | undefined {
  if (categories === 0 || series === 0) return undefined;
  if (current === null)
    return ["ArrowRight", "ArrowLeft", "ArrowUp", "ArrowDown", "Home", "End"].includes(key) ? start(key, categories) : undefined;
  const { category, series: s } = current;
  switch (key) {
    case "ArrowRight":
      return { category: clamp(category + 1, categories), series: s };
    case "ArrowLeft":
      return { category: clamp(category - 1, categories), series: s };
    case "ArrowUp":
      return { category, series: clamp(s + 1, series) };
    case "ArrowDown":
      return { category, series: clamp(s - 1, series) };
    case "Home":
      return { category: 0, series: s };
    case "End":
      return { category: categories - 1, series: s };
    default:
      return undefined;
  }
}

function start(key: string, categories: number): Mark {
  return { category: key === "End" ? categories - 1 : 0, series: 0 };
}
