// The chart set every library draws, from data already in memory (as the engine's results
// would be): a grouped bar (12 categories x 3 series), cumulative lines over 24 months, a donut
// of 6 slices. A seeded generator keeps every run and every library on the same numbers.

function seeded(seed) {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
}

const random = seeded(13);

const ASSIGNEES = ["Ada", "Ben", "Cleo", "Dev", "Eve", "Finn", "Gus", "Hana", "Ivo", "Jo", "Kai", "Lea"];
const ISSUE_TYPES = ["Bug", "Story", "Task"];

export const groupedBar = {
  title: "Issues by assignee and type",
  categories: ASSIGNEES,
  series: ISSUE_TYPES.map((name) => ({ name, values: ASSIGNEES.map(() => 2 + Math.floor(random() * 30)) })),
};

const MONTHS = Array.from({ length: 24 }, (_, i) => {
  const year = 2025 + Math.floor(i / 12);
  return `${year}-${String((i % 12) + 1).padStart(2, "0")}`;
});

function cumulative(values) {
  let sum = 0;
  return values.map((value) => (sum += value));
}

const created = MONTHS.map(() => 20 + Math.floor(random() * 40));
const resolved = created.map((value) => Math.max(0, value - 12 + Math.floor(random() * 16)));

export const cumulativeLine = {
  title: "Created and resolved, cumulative",
  categories: MONTHS,
  series: [
    { name: "Created", values: cumulative(created) },
    { name: "Resolved", values: cumulative(resolved) },
  ],
};

export const donut = {
  title: "Issues by status",
  slices: ["To Do", "In Progress", "In Review", "Blocked", "Done", "Won't Do"].map((name) => ({
    name,
    value: 5 + Math.floor(random() * 60),
  })),
};

// Okabe-Ito, without its yellow (under 3:1 against white) and black: what we would pass in.
export const palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"];

export const size = { width: 640, height: 360 };

// Rows in "long" form, for the grammar libraries (Vega-Lite, Plot).
export function barRows() {
  return groupedBar.series.flatMap((s) => groupedBar.categories.map((category, i) => ({ category, series: s.name, value: s.values[i] })));
}

export function lineRows() {
  return cumulativeLine.series.flatMap((s) => cumulativeLine.categories.map((month, i) => ({ month, series: s.name, value: s.values[i] })));
}
