/**
 * An issue's life from `created` to now as stays: a status and an interval each, in whole
 * seconds, every change clamped into [created, now] (docs/engine.md#history-fields, "The status timeline").
 */

import type { StatusChanges } from "./statusChanges";

/** Reused from issue to issue, like `StatusChanges`. Stay i is [start[i], end[i]) in `status[i]`. */
export class Timeline {
  count = 0;
  status = new Int32Array(32);
  start = new Float64Array(32);
  end = new Float64Array(32);

  ensure(size: number): void {
    if (size <= this.status.length) return;
    const length = Math.max(size, this.status.length * 2);
    this.status = new Int32Array(length);
    this.start = new Float64Array(length);
    this.end = new Float64Array(length);
  }
}

/**
 * Fills `out` with the stays; false when the changes end in another status than the issue's
 * current one (part of the changelog is missing). Time starts in the first change's `from`
 * (or the current status when nothing changed); later `from`s are not checked.
 */
export function buildTimeline(changes: StatusChanges, created: number, now: number, current: number, out: Timeline): boolean {
  const n = changes.count;
  // A clock behind Jira's (now before created) makes every duration 0, never negative.
  const last = Math.max(now, created);
  out.ensure(n + 1);
  const { status, start, end } = out;
  const ms = changes.ms;
  let inStatus = n > 0 ? changes.from[0]! : current;
  let since = created;
  for (let i = 0; i < n; i++) {
    let at = Math.floor(ms[i]! / 1000);
    at = at < created ? created : Math.min(at, last);
    status[i] = inStatus;
    start[i] = since;
    end[i] = at;
    inStatus = changes.to[i]!;
    since = at;
  }
  if (inStatus !== current) return false;
  status[n] = inStatus;
  start[n] = since;
  end[n] = last;
  out.count = n + 1;
  return true;
}
