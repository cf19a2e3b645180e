/** What every editor pane receives. */

import type { Draft } from "../draft";
import type { FieldChoices } from "../fieldChoices";
import type { FieldErrors } from "../serverErrors";

export interface PaneProps {
  readonly draft: Draft;
  /** Functional update, so quick successive edits never drop one another. */
  readonly onChange: (update: (draft: Draft) => Draft) => void;
  readonly fieldChoices: FieldChoices;
  readonly errors: FieldErrors;
}
