/**
 * Accumulates Jira issues page by page into growable typed columns. Only the fields the report
 * uses are kept; the raw issue JSON is not retained.
 */

import { HistoryColumns, type HistoryContext, type HistoryCounts } from "../history/historyColumns";
import type { JiraIssue } from "../jira";
import type { TimeZone } from "../time/timeZone";
import { Float64Builder, Int32Builder, Int8Builder } from "./builders";
import { Dictionary } from "./dictionary";
import {
  toBooleanCode,
  toDateTimeValue,
  toDateValue,
  toDurationSeconds,
  entryKey,
  issueKeyEntry,
  toEntry,
  toNumber,
  toText,
  type PriorityPosition,
} from "./normalize";
import { Table } from "./table";
import type { CodedColumn, Column, FieldSpec } from "./types";

interface FieldLoader {
  push(value: unknown): void;
  column(rowCount: number): Column;
}

function readValue(issue: JiraIssue, spec: FieldSpec): unknown {
  switch (spec.source) {
    case "issue_key":
      return issue.key;
    case "issue_id":
      return issue.id;
    case "history":
      // Only unknown history keys get here (known ones are derived from the changelog): empty.
      return null;
    default:
      return issue.fields?.[spec.key];
  }
}

/** Code of a Jira value in `dictionary`, adding an entry only the first time its key is seen. */
function codeFor(value: unknown, dictionary: Dictionary, kind: FieldSpec["entryKind"], priorityPosition: PriorityPosition): number {
  const key = entryKey(value, kind);
  const known = key === undefined ? -1 : dictionary.codeOf(key);
  if (known >= 0) return known;
  const entry = toEntry(value, kind, priorityPosition);
  return entry === undefined ? -1 : dictionary.intern(entry);
}

/**
 * The issue's own key (`issue.key`): the store keeps one row per distinct issue id, and an issue
 * has one key, so every key is new and skips the dictionary look-up a shared value needs.
 */
function issueKeyLoader(): FieldLoader {
  const dictionary = new Dictionary("issue");
  const builder = new Int32Builder();
  return {
    push(value) {
      const key = typeof value === "string" ? value : typeof value === "number" ? value.toString() : "";
      builder.push(key === "" ? -1 : dictionary.append(issueKeyEntry(key)));
    },
    column: (n) => ({ kind: "coded", type: "issuelink", codes: builder.view(n), dictionary }),
  };
}

function createLoader(spec: FieldSpec, timeZone: TimeZone, priorityPosition: PriorityPosition): FieldLoader {
  if (spec.source === "issue_key" && spec.type === "issuelink") return issueKeyLoader();
  switch (spec.type) {
    case "number":
    case "duration":
    case "date":
    case "datetime": {
      const type = spec.type;
      const builder = new Float64Builder();
      const convert =
        type === "number"
          ? toNumber
          : type === "duration"
            ? toDurationSeconds
            : type === "date"
              ? toDateValue
              : (v: unknown) => toDateTimeValue(v, timeZone);
      return {
        push: (value) => builder.push(convert(value)),
        column: (n) => ({ kind: "numeric", type, values: builder.view(n) }),
      };
    }
    case "boolean": {
      const builder = new Int8Builder();
      return {
        push: (value) => builder.push(toBooleanCode(value)),
        column: (n) => ({ kind: "boolean", type: "boolean", values: builder.view(n) }),
      };
    }
    case "user":
    case "option":
    case "issuelink": {
      const type = spec.type;
      const dictionary = new Dictionary(spec.entryKind);
      const builder = new Int32Builder();
      return {
        push(value) {
          // A multi-valued payload in a single-valued field keeps its first value.
          const single = Array.isArray(value) ? value[0] : value;
          builder.push(codeFor(single, dictionary, spec.entryKind, priorityPosition));
        },
        column: (n) => ({ kind: "coded", type, codes: builder.view(n), dictionary }),
      };
    }
    case "multi": {
      const dictionary = new Dictionary(spec.entryKind);
      const offsets = new Int32Builder();
      const codes = new Int32Builder();
      offsets.push(0);
      return {
        push(value) {
          const items = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
          const start = codes.length;
          for (const item of items) {
            const code = codeFor(item, dictionary, spec.entryKind, priorityPosition);
            if (code < 0) continue;
            // Values are a set per issue: a duplicated label must not count the issue twice in a group.
            let seen = false;
            for (let i = start; i < codes.length && !seen; i++) seen = codes.get(i) === code;
            if (!seen) codes.push(code);
          }
          offsets.push(codes.length);
        },
        column: (n) => ({
          kind: "multi",
          type: "multi",
          offsets: offsets.view(n + 1),
          codes: codes.view(),
          dictionary,
        }),
      };
    }
    case "text": {
      const values: (string | null)[] = [];
      return {
        push: (value) => values.push(toText(value)),
        column: () => ({ kind: "text", type: "text", values }),
      };
    }
  }
}

const KEY_SPEC: FieldSpec = {
  key: "issuekey",
  name: "Key",
  type: "issuelink",
  entryKind: "issue",
  source: "issue_key",
  unknown: false,
};

export class IssueStore {
  private readonly specs: Map<string, FieldSpec>;
  private readonly loaders = new Map<string, FieldLoader>();
  /** The same loaders as an array: appending walks it once per issue. */
  private readonly loaderList: { spec: FieldSpec; loader: FieldLoader }[] = [];
  private readonly keyLoader: FieldLoader;
  /** The report does not load `issuekey` itself, so the key column has a loader of its own. */
  private readonly separateKeyLoader: boolean;
  private readonly ids: string[] = [];
  private readonly seen = new Set<string>();
  /** The report's history fields, derived from each issue's changelog; null when it has none. */
  private readonly history: HistoryColumns | null;

  /** `history`: required for history fields (source "history"); without it they stay empty. */
  constructor(specs: readonly FieldSpec[], timeZone: TimeZone, priorityPosition: PriorityPosition, history: HistoryContext | null = null) {
    this.specs = new Map(specs.map((s) => [s.key, s]));
    const historySpecs = specs.filter((s) => s.source === "history" && !s.unknown);
    this.history = historySpecs.length > 0 && history ? new HistoryColumns(historySpecs, history) : null;
    for (const spec of specs) {
      if (spec.source === "history" && !spec.unknown && this.history) continue;
      const loader = createLoader(spec, timeZone, priorityPosition);
      this.loaders.set(spec.key, loader);
      this.loaderList.push({ spec, loader });
    }
    const existingKey = this.loaders.get("issuekey");
    this.keyLoader = existingKey ?? createLoader(KEY_SPEC, timeZone, priorityPosition);
    this.separateKeyLoader = existingKey === undefined;
  }

  get rowCount(): number {
    return this.ids.length;
  }

  /** Appends issues; an issue id seen before is skipped (pages of an eventually consistent search may overlap). */
  append(issues: readonly JiraIssue[]): number {
    let added = 0;
    for (const issue of issues) {
      if (issue === null || typeof issue !== "object") continue;
      const id =
        typeof issue.id === "string"
          ? issue.id
          : typeof issue.id === "number"
            ? (issue.id as number).toString()
            : typeof issue.key === "string"
              ? issue.key
              : undefined;
      if (id === undefined) continue;
      // One hash operation instead of has + add: the set grows only for an id not seen before.
      const seenBefore = this.seen.size;
      this.seen.add(id);
      if (this.seen.size === seenBefore) continue;
      this.ids.push(id);
      for (const { spec, loader } of this.loaderList) loader.push(readValue(issue, spec));
      if (this.separateKeyLoader) this.keyLoader.push(issue.key);
      this.history?.append(issue);
      added++;
    }
    return added;
  }

  /** Loaded issues and those with incomplete changelogs; null when the report has no history field. */
  historyCounts(): HistoryCounts | null {
    return this.history?.counts() ?? null;
  }

  snapshot(): Table {
    const n = this.ids.length;
    const columns = new Map<string, Column>();
    for (const [key, loader] of this.loaders) columns.set(key, loader.column(n));
    if (this.history) for (const [key, column] of this.history.columns(n)) columns.set(key, column);
    const keyColumn = this.keyLoader.column(n) as CodedColumn;
    return new Table(n, columns, new Map(this.specs), this.ids, keyColumn);
  }
}
