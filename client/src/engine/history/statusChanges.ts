/**
 * An issue's changelog read into its status changes, in the order docs/engine.md#history-fields gives:
 * by instant (ms), then history id, then order inside one history. Jira sends histories oldest
 * first, so the order is only checked; a sort runs for the rare changelog out of order (pages of
 * bulkfetch may arrive in any order).
 */

import { jiraInstantMs } from "./jiraInstant";
import type { StatusCodes } from "./statusCodes";

/** Reused from issue to issue: one buffer per store, grown when an issue has more changes. */
export class StatusChanges {
  count = 0;
  /** Instant of each change in epoch ms (whole seconds are taken later, after ordering). */
  ms = new Float64Array(32);
  from = new Int32Array(32);
  to = new Int32Array(32);
  /** Index of the change's history in the changelog, for history-id ties. */
  history = new Int32Array(32);

  push(ms: number, from: number, to: number, history: number): void {
    if (this.count === this.ms.length) this.grow();
    const i = this.count++;
    this.ms[i] = ms;
    this.from[i] = from;
    this.to[i] = to;
    this.history[i] = history;
  }

  private grow(): void {
    const size = this.ms.length * 2;
    const ms = new Float64Array(size);
    ms.set(this.ms);
    this.ms = ms;
    const from = new Int32Array(size);
    from.set(this.from);
    this.from = from;
    const to = new Int32Array(size);
    to.set(this.to);
    this.to = to;
    const history = new Int32Array(size);
    history.set(this.history);
    this.history = history;
  }
}

interface RawHistory {
  id?: unknown;
  created?: unknown;
  items?: unknown;
}

interface RawItem {
  field?: unknown;
  from?: unknown;
  to?: unknown;
}

/**
 * The histories of a complete changelog, or null: incomplete when there is no changelog, its
 * `histories` is not an array, or `total` says more histories exist than came.
 */
export function completeHistories(changelog: unknown): readonly unknown[] | null {
  if (changelog === null || typeof changelog !== "object") return null;
  const { histories, total } = changelog as { histories?: unknown; total?: unknown };
  if (!Array.isArray(histories)) return null;
  if (typeof total === "number" && histories.length < total) return null;
  return histories;
}

const historyId = (history: unknown): number => Number((history as RawHistory).id);

/**
 * Fills `out` with the status changes of `histories`, ordered. Returns false when a change's
 * instant cannot be read (the changelog then counts as incomplete).
 */
export function readStatusChanges(histories: readonly unknown[], codes: StatusCodes, out: StatusChanges): boolean {
  out.count = 0;
  let ordered = true;
  let lastMs = -Infinity;
  let lastHistory = -1;
  let lastTo: unknown;
  let lastToCode = 0;
  for (let h = 0; h < histories.length; h++) {
    const history = histories[h] as RawHistory | null;
    const items = history?.items;
    if (!Array.isArray(items)) continue;
    let ms = NaN;
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as RawItem | null;
      if (item?.field !== "status") continue;
      if (ms !== ms) {
        ms = jiraInstantMs(history!.created);
        if (ms !== ms) return false;
        if (ms < lastMs || (ms === lastMs && historyId(history) < historyId(histories[lastHistory]))) ordered = false;
        lastMs = ms;
        lastHistory = h;
      }
      // A change usually starts where the previous one ended: its `from` is that `to` again.
      const from = item.from;
      const fromCode = from === lastTo && from !== undefined ? lastToCode : codes.codeOf(from);
      lastTo = item.to;
      lastToCode = codes.codeOf(lastTo);
      out.push(ms, fromCode, lastToCode, h);
    }
  }
  if (!ordered) sortChanges(histories, out);
  return true;
}

/** Stable sort by (instant, history id); input order breaks the remaining ties. */
function sortChanges(histories: readonly unknown[], out: StatusChanges): void {
  const n = out.count;
  const order = Array.from({ length: n }, (_, i) => i);
  const ids = new Float64Array(n);
  for (let i = 0; i < n; i++) ids[i] = historyId(histories[out.history[i]!]);
  const ms = out.ms;
  order.sort((a, b) => ms[a]! - ms[b]! || ids[a]! - ids[b]! || a - b);
  const sortedMs = Float64Array.from(order, (i) => ms[i]!);
  const from = Int32Array.from(order, (i) => out.from[i]!);
  const to = Int32Array.from(order, (i) => out.to[i]!);
  const history = Int32Array.from(order, (i) => out.history[i]!);
  out.ms.set(sortedMs);
  out.from.set(from);
  out.to.set(to);
  out.history.set(history);
}
