/**
 * Compile-time contract: what the editor builds and the server sends (the serialization-mode
 * types in `api/*.gen.ts`) must be assignable to the engine's input model (`engine/model.ts`,
 * generated in validation mode inside the engine, which imports nothing outside itself).
 * `npx tsc --noEmit` fails if they drift apart.
 */

import { describe, expect, it } from "vitest";
import type { ReportCreate, ReportUpdate } from "../../src/api/definition.gen";
import type { ReportPublic } from "../../src/api/resources.gen";
import type { ReportDefinition } from "../../src/engine/model";

/** `true` only when every `From` is a `To`; a `false` here is a type error below. */
type Assignable<From, To> = [From] extends [To] ? true : false;

describe("report model types", () => {
  it("the generated server types are assignable to the engine's model", () => {
    const checks: [
      Assignable<ReportCreate, ReportDefinition>,
      Assignable<ReportUpdate, ReportDefinition>,
      Assignable<ReportPublic, ReportDefinition>,
    ] = [true, true, true];
    expect(checks).toEqual([true, true, true]);
  });
});
