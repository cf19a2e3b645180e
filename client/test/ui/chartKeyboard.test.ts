import { describe, expect, it } from "vitest";
import { type Mark, nextMark } from "../../src/ui/viewer/chart/chartKeyboard";

const at = (category: number, series: number): Mark => ({ category, series });

describe("nextMark (4 categories × 3 series)", () => {
  it.each([
    ["first ArrowRight picks the first mark", null, "ArrowRight", at(0, 0)],
    ["first End picks the last category", null, "End", at(3, 0)],
    ["a letter does not move", null, "a", undefined],
    ["Enter is not a move", at(1, 1), "Enter", undefined],
    ["ArrowRight goes along the x axis", at(1, 2), "ArrowRight", at(2, 2)],
    ["ArrowRight stops at the last category", at(3, 0), "ArrowRight", at(3, 0)],
    ["ArrowLeft stops at the first category", at(0, 1), "ArrowLeft", at(0, 1)],
    ["ArrowUp goes to the next series", at(2, 0), "ArrowUp", at(2, 1)],
    ["ArrowUp stops at the last series", at(2, 2), "ArrowUp", at(2, 2)],
    ["ArrowDown goes to the previous series", at(2, 2), "ArrowDown", at(2, 1)],
    ["Home goes to the first category", at(2, 1), "Home", at(0, 1)],
    ["End goes to the last category", at(0, 1), "End", at(3, 1)],
  ] as const)("%s", (_, current, key, expected) => {
    expect(nextMark(current, key, 4, 3)).toEqual(expected);
  });

  it("does nothing on a chart without marks", () => {
    expect(nextMark(null, "ArrowRight", 0, 1)).toBeUndefined();
  });
});
