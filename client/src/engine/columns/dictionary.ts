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
  /** Entries `[0, indexed)` are in `codes`; entries `append`ed since are indexed on the next look-up. */
  private indexed = 0;
  private rankCache: Int32Array | null = null;
  /** Issue keys only: project prefix per code, recorded while loading so ranking never slices keys. */
  private readonly projectOfCode: number[] = [];
  private readonly projectIds = new Map<string, number>();
  /** The last project seen: consecutive issue keys mostly share it, which saves a slice and a look-up. */
  private lastProject = "";
  private lastProjectId = -1;

  constructor(kind: EntryKind) {
    this.kind = kind;
  }

  get size(): number {
    return this.entryList.length;
  }

  /** Code for the entry's key, adding the entry the first time the key is seen. */
  intern(entry: DictionaryEntry): number {
    const codes = this.index();
    const existing = codes.get(entry.key);
    if (existing !== undefined) return existing;
    const code = this.add(entry);
    codes.set(entry.key, code);
    this.indexed = code + 1;
    return code;
  }

  /**
   * Adds an entry whose key the caller knows is new, without a look-up: issue keys, one per
   * distinct issue, would otherwise cost three hash-map operations on a map as large as the report.
   * A repeated key keeps its first code for `codeOf`.
   */
  append(entry: DictionaryEntry): number {
    return this.add(entry);
  }

  private add(entry: DictionaryEntry): number {
    const code = this.entryList.length;
    this.entryList.push(entry);
    this.rankCache = null;
    if (this.kind === "issue") this.projectOfCode.push(this.projectIdOf(entry.key));
    return code;
  }

  private projectIdOf(key: string): number {
    const last = this.lastProject;
    const n = last.length;
    // Same project as the previous key: "EX-12" after "EX-11" (the project is what precedes the last dash).
    if (this.lastProjectId >= 0 && key.charCodeAt(n) === 45 && key.startsWith(last) && key.indexOf("-", n + 1) < 0)
      return this.lastProjectId;
    const dash = key.lastIndexOf("-");
    const project = dash < 0 ? key : key.slice(0, dash);
    let id = this.projectIds.get(project);
    if (id === undefined) {
      id = this.projectIds.size;
      this.projectIds.set(project, id);
    }
    // Only a prefix followed by a dash can match the fast path; a key without a dash cannot.
    this.lastProject = dash < 0 ? "" : project;
    this.lastProjectId = dash < 0 ? -1 : id;
    return id;
  }

  private index(): Map<string, number> {
    const list = this.entryList;
    for (let code = this.indexed; code < list.length; code++) {
      const key = list[code]!.key;
      if (!this.codes.has(key)) this.codes.set(key, code);
    }
    this.indexed = list.length;
    return this.codes;
  }

  codeOf(key: string): number {
    return this.index().get(key) ?? -1;
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
    if (this.kind === "issue") {
      this.rankCache = this.issueRanks();
      return this.rankCache;
    }
    const order = Array.from(this.entryList.keys());
    order.sort((x, y) => compareEntries(this.kind, this.entryList[x]!, this.entryList[y]!));
    const rank = new Int32Array(order.length);
    for (let i = 0; i < order.length; i++) rank[order[i]!] = i;
    this.rankCache = rank;
    return rank;
  }

  /**
   * Issue keys can number 100k (one per issue): comparing strings would dominate a report's first
   * compute, so they rank by project, then number, without comparisons. Issue numbers are mostly
   * dense (EX-1 … EX-n), so one counting pass over (project, number) slots usually does; sparse or
   * fractional numbers take the radix sort on project rank · 2^32 + number. Ties keep code order.
   */
  private issueRanks(): Int32Array {
    const projects = [...this.projectIds.keys()].sort();
    const rankOfProject = new Int32Array(projects.length);
    for (const [rank, p] of projects.entries()) rankOfProject[this.projectIds.get(p)!] = rank;
    const size = this.entryList.length;
    const NONE = 2 ** 32 - 1;
    const numbers = new Float64Array(size);
    let max = -1;
    let integral = true;
    for (let code = 0; code < size; code++) {
      const order = this.entryList[code]!.order;
      const number = order !== undefined && order >= 0 && order < NONE ? order : NONE;
      numbers[code] = number;
      if (number !== NONE) {
        if (!Number.isInteger(number)) integral = false;
        else if (number > max) max = number;
      }
    }
    const rank = new Int32Array(size);
    // One slot per number up to the largest, plus one after it for keys without a number.
    const width = max + 2;
    if (integral && projects.length * width <= 4 * size + 1024) {
      const slotOf = (code: number): number => {
        const number = numbers[code]!;
        return rankOfProject[this.projectOfCode[code]!]! * width + (number === NONE ? width - 1 : number);
      };
      const starts = new Int32Array(projects.length * width + 1);
      for (let code = 0; code < size; code++) starts[slotOf(code) + 1]!++;
      for (let slot = 1; slot < starts.length; slot++) starts[slot]! += starts[slot - 1]!;
      for (let code = 0; code < size; code++) rank[code] = starts[slotOf(code)]!++;
      return rank;
    }
    const keys = new Float64Array(size);
    for (let code = 0; code < size; code++) keys[code] = rankOfProject[this.projectOfCode[code]!]! * 2 ** 32 + numbers[code]!;
    const codes = new Int32Array(size);
    for (let i = 0; i < size; i++) codes[i] = i;
    const order = createSortedRows(codes, [{ values: keys, descending: false, emptiesFirst: false }]);
    for (let i = 0; i < size; i++) rank[order[i]!] = i;
    return rank;
  }
}
