/**
 * A chart's settings: its type, its series (the report's second grouping level, offered when
 * the report has one, or one per measure), its measures (1–6; pie and donut: one) and running
 * totals (only along a date axis, and not for pie or donut charts: disabled with the reason).
 * The x axis is the report's first grouping level; without one the chart says so.
 */

import { useId } from "react";
import type { ChartSeries, ChartType, ChartView, ReportCreate } from "../../../api/definition.gen";
import { CHART_TYPES } from "../../../engine/vocabulary.gen";
import { FieldMessages, LabeledSelect } from "../controls";
import { MeasuresEditor } from "./MeasuresEditor";
import type { ViewSettingsProps } from "./PivotSettings";
import { chartAggregationsFor, cumulativeBlocked, fitChart, maxMeasures, secondLevelOffered } from "./viewDraft";

export const CHART_TYPE_LABELS: Record<ChartType, string> = {
  bar: "Bar",
  stacked_bar: "Stacked bar",
  line: "Line",
  area: "Area",
  pie: "Pie",
  donut: "Donut",
};

export function ChartSettings({
  view,
  onChange,
  fieldChoices,
  errorsUnder,
  errorsAt,
  draft,
  onOpenGrouping,
}: ViewSettingsProps<ChartView> & { draft: ReportCreate; onOpenGrouping: () => void }) {
  const cumulativeNoteId = useId();
  const firstLevel = draft.grouping_rules[0];
  const secondLevel = draft.grouping_rules[1];
  const blocked = cumulativeBlocked(draft, view.chart_type);
  const seriesOptions: { value: ChartSeries; label: string }[] = [{ value: "aggregates", label: "One per measure" }];
  if (secondLevelOffered(draft, view.chart_type) || view.series === "second_level") {
    const name = secondLevel ? (fieldChoices.get(secondLevel.field)?.name ?? secondLevel.field) : "second grouping level";
    seriesOptions.unshift({ value: "second_level", label: `One per ${name} (second grouping level)` });
  }
  const refit = (update: (v: ChartView) => ChartView) => onChange((v) => fitChart(update(v), draft));

  return (
    <div className="rb-view-settings" data-testid="chart-settings">
      <FieldMessages messages={errorsAt("kind")} />
      {firstLevel ? (
        <p className="rb-subtle">
          The x axis is the report's first grouping level: {fieldChoices.get(firstLevel.field)?.name ?? firstLevel.field}.
        </p>
      ) : (
        <div className="rb-view-notice" data-testid="chart-needs-grouping">
          A chart's x axis is the report's first grouping level, and this report has none yet.{" "}
          <button type="button" className="rb-link-button" onClick={onOpenGrouping}>
            Add a grouping level in the Grouping pane
          </button>
        </div>
      )}
      <div className="rb-rule__line">
        <LabeledSelect<ChartType>
          label="Chart type"
          value={view.chart_type}
          options={CHART_TYPES.map((t) => ({ value: t, label: CHART_TYPE_LABELS[t] }))}
          onChange={(chart_type) => refit((v) => ({ ...v, chart_type }))}
        />
        <LabeledSelect<ChartSeries>
          label="Series"
          value={view.series}
          options={seriesOptions}
          onChange={(series) => refit((v) => ({ ...v, series }))}
        />
        <span className="rb-inline-field">
          <label className="rb-checkbox">
            <input
              type="checkbox"
              checked={view.cumulative}
              disabled={blocked !== null && !view.cumulative}
              aria-describedby={blocked ? cumulativeNoteId : undefined}
              onChange={(e) => onChange((v) => ({ ...v, cumulative: e.target.checked }))}
            />
            Running totals (cumulative)
          </label>
          {blocked ? (
            <span id={cumulativeNoteId} className="rb-subtlest" data-testid="cumulative-note">
              {blocked}
            </span>
          ) : null}
        </span>
      </div>
      {view.series === "second_level" ? null : (
        <p className="rb-subtlest">
          {secondLevelOffered(draft, view.chart_type) || draft.grouping_rules.length >= 2
            ? "Series can also be the groups of the report's second grouping level (one measure)."
            : "With a second grouping level in the report, series can also be its groups."}
        </p>
      )}
      <FieldMessages messages={[...errorsUnder("series"), ...errorsUnder("cumulative"), ...errorsAt("chart_type")]} />
      <h2 className="rb-views__subheading">Measures</h2>
      <p className="rb-subtle">
        Numbers and durations: counts, or sums, averages, medians, percentiles, minimums and maximums of number fields.
      </p>
      <FieldMessages messages={errorsAt("measures")} />
      <MeasuresEditor
        testId="chart-measures-list"
        measures={view.measures}
        noun="measure"
        max={maxMeasures(view)}
        fieldChoices={fieldChoices}
        aggregationsFor={chartAggregationsFor}
        onChange={(measures) => onChange((v) => ({ ...v, measures }))}
        errorsOf={(index) => errorsUnder(`measures.${index}`)}
      />
    </div>
  );
}
