/**
 * Dictionary encoding for options, users, sprints, versions and issue keys: rows store Int32 codes,
 * entries are stored once. Append-only, so codes handed out earlier stay valid while pages load.
 */

import { createSortedRows } from "../sorting/createSortedRows";
import type { EntryKind } from "./types";

export interface DictionaryEntry {
  /** Stable identity: option/status id, account id, label text, sprint id, issue key. */
  readonly key: string;
  readonly label: string;
  /** Lozenge color: status category color name, priority status color, option color. */
  readonly color?: string;
  /** Status category key (`new`, `indeterminate`, `done`). */
  readonly category?: string;
  /** Explicit order where Jira has one: priority position (0 = highest), sprint id. */
  readonly order?: number;
  readonly iconUrl?: string;
  readonly avatarUrl?: string;
  /** Users: false for deactivated accounts. */
  readonly active?: boolean;
  /** Issue links: summary of the linked issue when Jira sent it. */
  readonly summary?: string;
}

const STATUS_CATEGORY_ORDER: Record<string, number> = { new: 1, indeterminate: 2, done: 3 };

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/** Text order for labels and text values: case- and accent-insensitive, numeric-aware; code units break ties. */
export function compareText(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Ascending order per kind; ties fall back to the key so the order is total and deterministic. */
function compareEntries(kind: EntryKind, a: DictionaryEntry, b: DictionaryEntry): number {
  let c = 0;
  switch (kind) {
    case "status":
      // Category first (To Do, In Progress, Done; unknown categories last), then name.
      c = (STATUS_CATEGORY_ORDER[a.category ?? ""] ?? 9) - (STATUS_CATEGORY_ORDER[b.category ?? ""] ?? 9);
      break;
    case "priority":
      // `order` is Jira's position with 0 = highest; ascending runs lowest → highest like JQL's ORDER BY priority ASC.
      c = (b.order ?? -1) - (a.order ?? -1);
      break;
    case "sprint":
      c = (a.order ?? Infinity) - (b.order ?? Infinity);
      if (Number.isNaN(c)) c = 0;
      break;
    case "issue":
      c = compareIssueKeys(a.key, b.key);
      break;
    default:
      break;
  }
  if (c !== 0) return c;
  c = compareText(a.label, b.label);
  if (c !== 0) return c;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Issue keys order by project key, then by number (`EX-9` < `EX-10`). */
export function compareIssueKeys(a: string, b: string): number {
  const da = a.lastIndexOf("-");
  const db = b.lastIndexOf("-");
  const pa = da < 0 ? a : a.slice(0, da);
  const pb = db < 0 ? b : b.slice(0, db);
  if (pa !== pb) return pa < pb ? -1 : 1;
  const na = da < 0 ? NaN : Number(a.slice(da + 1));
  const nb = db < 0 ? NaN : Number(b.slice(db + 1));
  if (na !== nb && !(Number.isNaN(na) && Number.isNaN(nb))) {
    if (Number.isNaN(na)) return 1;
    if (Number.isNaN(nb)) return -1;
    return na - nb;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

export class Dictionary {
  readonly kind: EntryKind;
  private readonly entryList: DictionaryEntry[] = [];
  private readonly codes = new Map<string, number>();
  private rankCache: Int32Array | null = null;
  /** Issue keys only: project prefix per code, recorded while loading so ranking never slices keys. */
  private readonly projectOfCode: number[] = [];
  private readonly projectIds = new Map<string, number>();

  constructor(kind: EntryKind) {
    this.kind = kind;
  }

  get size(): number {
    return this.entryList.length;
  }

  /** Code for the entry's key, adding the entry the first time the key is seen. */
  intern(entry: DictionaryEntry): number {
    const existing = this.codes.get(entry.key);
    if (existing !== undefined) return existing;
    const code = this.entryList.length;
    this.entryList.push(entry);
    this.codes.set(entry.key, code);
    this.rankCache = null;
    if (this.kind === "issue") {
      const dash = entry.key.lastIndexOf("-");
      const project = dash < 0 ? entry.key : entry.key.slice(0, dash);
      let id = this.projectIds.get(project);
      if (id === undefined) {
        id = this.projectIds.size;
        this.projectIds.set(project, id);
      }
      this.projectOfCode.push(id);
    }
    return code;
  }

  codeOf(key: string): number {
    return this.codes.get(key) ?? -1;
  }

  entry(code: number): DictionaryEntry | undefined {
    return this.entryList[code];
  }

  label(code: number): string {
    return this.entryList[code]?.label ?? "";
  }

  /**
   * `rank[code]` = position of the entry in ascending order. Sorting and grouping compare ranks
   * (integers) instead of entries; recomputed only when entries were added.
   */
  ranks(): Int32Array {
    if (this.rankCache && this.rankCache.length === this.entryList.length) return this.rankCache;
    const order = this.kind === "issue" ? this.issueOrder() : Array.from(this.entryList.keys());
    if (this.kind !== "issue") order.sort((x, y) => compareEntries(this.kind, this.entryList[x]!, this.entryList[y]!));
    const rank = new Int32Array(order.length);
    for (let i = 0; i < order.length; i++) rank[order[i]!] = i;
    this.rankCache = rank;
    return rank;
  }

  /**
   * Issue keys can number 100k (one per issue): comparing strings would dominate a report's first
   * compute, so they sort by a numeric key, project rank · 2^32 + issue number, with the radix sort.
   */
  private issueOrder(): number[] {
    const projects = [...this.projectIds.keys()].sort();
    const rankOfProject = new Int32Array(projects.length);
    for (const [rank, p] of projects.entries()) rankOfProject[this.projectIds.get(p)!] = rank;
    const keys = new Float64Array(this.entryList.length);
    for (let code = 0; code < keys.length; code++) {
      const order = this.entryList[code]!.order;
      const number = order !== undefined && order >= 0 && order < 2 ** 32 ? order : 2 ** 32 - 1;
      keys[code] = rankOfProject[this.projectOfCode[code]!]! * 2 ** 32 + number;
    }
    const codes = new Int32Array(keys.length);
    for (let i = 0; i < codes.length; i++) codes[i] = i;
    return Array.from(createSortedRows(codes, [{ values: keys, descending: false, emptiesFirst: false }]));
  }
}
