/**
 * The benchmark report in Arquero, doing the engine's work and no more:
 *  - flatten: raw Jira JSON pages → plain columns, with small dictionaries (statuses, users,
 *    labels, components) the way the engine's ingest keeps them;
 *  - compute: filter, the formula and the month bucket, one grouped rollup per level plus the
 *    total, each level's groups ordered as the engine orders them (ranks from the dictionaries,
 *    "(none)" last), and the leaf rows in display order (group order, then the report's sort).
 * Nothing is sorted that the engine's result does not order. Multi-valued levels use the engine's
 * distinct-issue semantics: level 1 groups a table unrolled by label (one row per issue and
 * label), levels 2 and 3 one unrolled by label and component (one row per issue, label and
 * component), so each group counts each of its issues exactly once without a dedupe pass.
 */

import { compareText } from "../../client/src/engine/columns/dictionary";
import type { TimeZone } from "../../client/src/engine/time/timeZone";
import type { AqTable, Arquero } from "./arquero";
import type { Grouping } from "./definition";

/** Rollups in the engine's column order (issue count first); the agreement check relies on it. */
export const AGGREGATES = {
  issues: "d => op.count()",
  summary_count: "d => op.valid(d.summary)",
  timespent_sum: "d => op.sum(d.timespent)",
  estimate_avg: "d => op.mean(d.timeoriginalestimate)",
  points_median: "d => op.median(d.points)",
  created_min: "d => op.min(d.created)",
  progress_avg: "d => op.mean(d.progress)",
};
const AGGREGATE_NAMES = Object.keys(AGGREGATES);

const STATUS_CATEGORY_ORDER: Record<string, number> = { new: 1, indeterminate: 2, done: 3 };

interface Entry {
  key: string;
  label: string;
  category?: string;
}

/** Values seen in a field, coded in first-appearance order (as the engine's dictionaries). */
export class Codes {
  readonly entries: Entry[] = [];
  private readonly codeOf = new Map<string, number>();

  code(key: string, make: () => Entry): number {
    let code = this.codeOf.get(key);
    if (code === undefined) {
      code = this.entries.length;
      this.entries.push(make());
      this.codeOf.set(key, code);
    }
    return code;
  }

  /** rank[code] in the engine's order: status category, then label, then key. */
  ranks(): Int32Array {
    const order = this.entries.map((_, i) => i);
    const cat = (e: Entry) => STATUS_CATEGORY_ORDER[e.category ?? ""] ?? 9;
    order.sort((x, y) => {
      const a = this.entries[x]!;
      const b = this.entries[y]!;
      return cat(a) - cat(b) || compareText(a.label, b.label) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
    });
    const rank = new Int32Array(order.length);
    order.forEach((code, r) => {
      rank[code] = r;
    });
    return rank;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: raw Jira JSON, read field by field
type Json = any;

export interface Flat {
  readonly grouping: Grouping;
  readonly columns: Record<string, unknown[]>;
  readonly statuses: Codes;
  readonly users: Codes;
  readonly labels: Codes;
  readonly components: Codes;
}

/** Appends parsed `/search/jql` pages to plain columns (what Arquero's `table` takes). */
export class Flattener {
  private readonly flat: Flat;

  constructor(
    grouping: Grouping,
    private readonly timeZone: TimeZone,
  ) {
    const names =
      grouping === "single"
        ? ["keyProject", "keyNumber", "status", "priority", "priorityRank", "assignee", "created", "createdLocal"]
        : ["keyProject", "keyNumber", "status", "priority", "priorityRank", "labels", "components", "created"];
    const columns: Record<string, unknown[]> = {};
    for (const name of [...names, "timespent", "timeoriginalestimate", "points", "summary"]) columns[name] = [];
    this.flat = { grouping, columns, statuses: new Codes(), users: new Codes(), labels: new Codes(), components: new Codes() };
  }

  add(page: { issues: Json[] }): void {
    const { grouping, columns: c, statuses, users, labels, components } = this.flat;
    for (const issue of page.issues) {
      const f = issue.fields;
      const key: string = issue.key;
      const dash = key.lastIndexOf("-");
      c.keyProject!.push(key.slice(0, dash));
      c.keyNumber!.push(Number(key.slice(dash + 1)));
      const status = f.status;
      c.status!.push(statuses.code(status.id, () => ({ key: status.id, label: status.name, category: status.statusCategory?.key })));
      c.priority!.push(f.priority?.name ?? null);
      // The engine's default priority order: id 1 is the highest.
      c.priorityRank!.push(f.priority ? 5 - Number(f.priority.id) : null);
      // Jira's `+0000` offset is not ISO 8601's `+00:00`, which Date.parse needs.
      const created = Date.parse(`${f.created.slice(0, 23)}${f.created.slice(23, 26)}:${f.created.slice(26)}`);
      c.created!.push(created);
      if (grouping === "single") {
        const a = f.assignee;
        c.assignee!.push(a ? users.code(a.accountId, () => ({ key: a.accountId, label: a.displayName })) : -1);
        c.createdLocal!.push(this.timeZone.localMs(created));
      } else {
        // An issue without labels (components) is in the "(none)" group: -1, not an empty array, which unroll would drop.
        const ls: Json[] = f.labels ?? [];
        c.labels!.push(ls.length === 0 ? [-1] : ls.map((l: string) => labels.code(l, () => ({ key: l, label: l }))));
        const cs: Json[] = f.components ?? [];
        c.components!.push(cs.length === 0 ? [-1] : cs.map((x: Json) => components.code(x.id, () => ({ key: x.id, label: x.name }))));
      }
      c.timespent!.push(f.timespent ?? null);
      c.timeoriginalestimate!.push(f.timeoriginalestimate ?? null);
      c.points!.push(f.customfield_10016 ?? null);
      c.summary!.push(f.summary || null);
    }
  }

  get result(): Flat {
    return this.flat;
  }
}

export interface ArqueroResult {
  /** Each level's groups, ordered, with the level's rank columns and the aggregates. */
  readonly levels: readonly AqTable[];
  readonly rankColumns: readonly (readonly string[])[];
  readonly total: AqTable;
  /** Leaf rows in display order. */
  readonly leaves: AqTable;
  /** Rank column → the group key the engine reports (entry key, ISO month start), null for "(none)". */
  readonly decode: Record<string, (rank: number) => string | null>;
}

const rankOrNone = (ranks: Int32Array) => (code: unknown) => ((code as number) < 0 ? ranks.length : ranks[code as number]!);

function decoder(codes: Codes, ranks: Int32Array): (rank: number) => string | null {
  const codeOfRank = new Int32Array(ranks.length);
  ranks.forEach((r, code) => {
    codeOfRank[r] = code;
  });
  return (rank) => (rank >= ranks.length ? null : codes.entries[codeOfRank[rank]!]!.key);
}

const isoMonth = (month: number): string => `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}-01`;

/** The report over a table made from `flat` (ranking the dictionaries is part of the work, as in the engine). */
export function runArquero(aq: Arquero, flat: Flat, base: AqTable): ArqueroResult {
  const sRanks = flat.statuses.ranks();
  const statusRank = rankOrNone(sRanks);
  const filtered = base.filter("d => d.priority !== 'Lowest'");
  const progress = "d => d.timespent != null && d.timeoriginalestimate ? d.timespent / d.timeoriginalestimate : null";
  const leafOrder = [aq.desc("priorityRank"), "created", "keyProject", "keyNumber"];
  if (flat.grouping === "single") {
    const uRanks = flat.users.ranks();
    const userRank = rankOrNone(uRanks);
    const t = filtered.derive({
      progress,
      month: "d => op.utcyear(d.createdLocal) * 12 + op.utcmonth(d.createdLocal)",
      s: aq.escape((d) => statusRank(d.status)),
      a: aq.escape((d) => userRank(d.assignee)),
    });
    return {
      levels: [
        t.groupby("s").rollup(AGGREGATES).orderby("s"),
        t.groupby("s", "a").rollup(AGGREGATES).orderby("s", "a"),
        t.groupby("s", "a", "month").rollup(AGGREGATES).orderby("s", "a", "month"),
      ],
      rankColumns: [["s"], ["s", "a"], ["s", "a", "month"]],
      total: t.rollup(AGGREGATES),
      leaves: t.orderby("s", "a", "month", ...leafOrder),
      decode: { s: decoder(flat.statuses, sRanks), a: decoder(flat.users, uRanks), month: isoMonth },
    };
  }
  const lRanks = flat.labels.ranks();
  const cRanks = flat.components.ranks();
  const labelRank = rankOrNone(lRanks);
  const componentRank = rankOrNone(cRanks);
  const t = filtered.derive({ progress, s: aq.escape((d) => statusRank(d.status)) });
  const byLabel = t.unroll("labels").derive({ l: aq.escape((d) => labelRank(d.labels)) });
  const byComponent = byLabel.unroll("components").derive({ c: aq.escape((d) => componentRank(d.components)) });
  return {
    levels: [
      byLabel.groupby("l").rollup(AGGREGATES).orderby("l"),
      byComponent.groupby("l", "c").rollup(AGGREGATES).orderby("l", "c"),
      byComponent.groupby("l", "c", "s").rollup(AGGREGATES).orderby("l", "c", "s"),
    ],
    rankColumns: [["l"], ["l", "c"], ["l", "c", "s"]],
    total: t.rollup(AGGREGATES),
    leaves: byComponent.orderby("l", "c", "s", ...leafOrder),
    decode: { l: decoder(flat.labels, lRanks), c: decoder(flat.components, cRanks), s: decoder(flat.statuses, sRanks) },
  };
}

/** Reads every group's aggregates and the ordered leaf rows: the counterpart of reading the engine's result. */
export function readArquero(result: ArqueroResult): number {
  let checksum = 0;
  for (const table of [result.total, ...result.levels]) {
    for (const name of AGGREGATE_NAMES) {
      for (const v of table.array(name)) if (typeof v === "number" && v === v) checksum += v;
    }
  }
  return checksum + result.leaves.indices().length;
}

export { AGGREGATE_NAMES };
