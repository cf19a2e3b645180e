/**
 * A table view's settings: conditional formats of its number and duration columns (formula
 * columns of those types too). The table's columns, sorting and grouping are the other panes'.
 */

import type { ReportCreate, TableView } from "../../../api/definition.gen";
import { FieldMessages } from "../controls";
import { typeOf } from "../fieldChoices";
import { ConditionalFormatsEditor, type FormatTarget } from "./ConditionalFormatsEditor";
import type { ViewSettingsProps } from "./PivotSettings";
import { columnUnit } from "./viewDraft";

export function TableSettings({
  view,
  onChange,
  fieldChoices,
  errorsUnder,
  errorsAt,
  draft,
}: ViewSettingsProps<TableView> & { draft: ReportCreate }) {
  const targets: FormatTarget[] = draft.columns.flatMap((column) => {
    const unit = columnUnit(typeOf(fieldChoices, column.field));
    const label = column.label || fieldChoices.get(column.field)?.name || column.field;
    return unit ? [{ value: column.field, label, unit }] : [];
  });
  return (
    <div className="rb-view-settings" data-testid="table-settings">
      <p className="rb-subtle">The grouped table of the Columns, Sorting and Grouping panes.</p>
      <FieldMessages messages={errorsAt("conditional_formats")} />
      <ConditionalFormatsEditor
        targetNoun="Column"
        targets={targets}
        formats={view.conditional_formats.map((f) => ({ target: f.field, thresholds: f.thresholds }))}
        onChange={(formats) =>
          onChange((v) => ({ ...v, conditional_formats: formats.map((f) => ({ field: f.target, thresholds: [...f.thresholds] })) }))
        }
        errorsOf={(index) => errorsUnder(`conditional_formats.${index}`)}
        emptyHint="The report has no number or duration column to colour: add one in the Columns pane."
      />
    </div>
  );
}
