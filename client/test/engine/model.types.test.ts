/**
 * Compile-time contract: the types generated from the server's Pydantic schemas must be
 * assignable to the engine's own model (`engine/model.ts`, which imports nothing outside the
 * engine). `npx tsc --noEmit` fails if they drift apart.
 */

import { describe, expect, it } from "vitest";
import type { ReportCreate, ReportUpdate } from "../../src/api/definition.gen";
import type { ReportPublic as ServerReportPublic } from "../../src/api/resources.gen";
import type { ReportDefinition, ReportPublic } from "../../src/engine/model";

/** `true` only when every `From` is a `To`; a `false` here is a type error below. */
type Assignable<From, To> = [From] extends [To] ? true : false;

describe("report model types", () => {
  it("the generated server types are assignable to the engine's model", () => {
    const checks: [Assignable<ReportCreate, ReportDefinition>, Assignable<ReportUpdate, ReportDefinition>, Assignable<ServerReportPublic, ReportPublic>] = [true, true, true];
    expect(checks).toEqual([true, true, true]);
  });
});
