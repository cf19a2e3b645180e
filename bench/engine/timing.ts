/** How the engine benchmarks (run.ts, history.ts) time cold runs: the same rounds, GCs and medians. */

/** Timed runs per contestant, after the discarded one. */
export const COLD_RUNS = 5;

const gc = (globalThis as { gc?: () => void }).gc;

/** Forced GCs, outside any timed region: no run pays for an earlier one's garbage. */
export function collect(): void {
  if (!gc) throw new Error("run with node --expose-gc");
  for (let i = 0; i < 3; i++) gc();
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** One side of a comparison: a cold run that times itself and returns what it measured. */
export interface Contestant<T> {
  run: () => T;
  /**
   * Lets go of what a run still holds (a loaded engine) once a newer run of the same contestant
   * replaces it, before the next GCs; the last run is not released, so the caller can check it.
   */
  release?: (run: T) => void;
}

/** Per contestant (a tuple of them keeps each one's own type), its runs. */
type RunsOf<T extends readonly unknown[]> = { -readonly [K in keyof T]: T[K][] };

/**
 * The contestants' cold runs: one discarded round that warms the JIT, then COLD_RUNS rounds in
 * which the contestants take turns (load from other jobs on the machine falls on each alike),
 * each run after `collect()`. Returns every contestant's timed runs, in order.
 */
export function timedRuns<T extends readonly unknown[]>(contestants: { readonly [K in keyof T]: Contestant<T[K]> }): RunsOf<T> {
  const sides = contestants as readonly Contestant<unknown>[];
  for (const { run, release } of sides) release?.(run());
  const runs = sides.map((): unknown[] => []);
  for (let round = 0; round < COLD_RUNS; round++) {
    sides.forEach(({ run, release }, side) => {
      const mine = runs[side]!;
      if (release && mine.length > 0) release(mine.at(-1));
      collect();
      mine.push(run());
    });
  }
  return runs as RunsOf<T>;
}
