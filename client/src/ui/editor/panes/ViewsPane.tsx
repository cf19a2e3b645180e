/**
 * Views pane: the report's views (its table, pivots and charts) in the viewer's tab order, the
 * first one opening. Add a pivot or a chart (defaults from the report), rename, reorder, remove
 * (a report keeps one view), and each view's settings on demand.
 */

import { useState } from "react";
import type { ChartView, PivotView, TableView, View } from "../../../api/definition.gen";
import { FieldMessages } from "../controls";
import { moveItem, removeItem } from "../draft";
import type { PaneId } from "../EditorTabs";
import { ReorderableList } from "../ReorderableList";
import { errorsAt, errorsUnder } from "../serverErrors";
import { ChartSettings } from "../views/ChartSettings";
import { PivotSettings } from "../views/PivotSettings";
import { TableSettings } from "../views/TableSettings";
import { canAddView, newChart, newPivot } from "../views/viewDraft";
import type { PaneProps } from "./types";

const KIND_LABELS: Record<View["kind"], string> = { table: "Table", pivot: "Pivot", chart: "Chart" };

export function ViewsPane({ draft, onChange, fieldChoices, errors, onShowPane }: PaneProps & { onShowPane: (pane: PaneId) => void }) {
  // Which views show their settings, by id; a report's first view starts open.
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set(draft.views.slice(0, 1).map((v) => v.id)));
  const views = draft.views;
  const setViews = (update: (views: View[]) => View[]) => onChange((d) => ({ ...d, views: update(d.views) }));
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const add = (view: View) => {
    setViews((list) => [...list, view]);
    setOpen((current) => new Set(current).add(view.id));
  };

  return (
    <div className="rb-pane" data-testid="views-pane">
      <p className="rb-subtle">
        Each view shows the report's issues another way: the grouped table, a pivot or a chart. The viewer shows them as tabs in this order,
        and the first one opens.
      </p>
      <FieldMessages messages={errorsAt(errors, "views")} />
      <ReorderableList
        testId="views-list"
        compact
        items={views}
        itemKey={(v) => v.id}
        itemLabel={(v) => `${v.name || "untitled view"} (${KIND_LABELS[v.kind].toLowerCase()})`}
        onMove={(from, to) => setViews((list) => moveItem(list, from, to))}
        onRemove={(index) => setViews((list) => removeItem(list, index))}
        removable={() => views.length > 1}
        renderItem={(view, index) => {
          const path = `views.${index}`;
          const rowErrors = errorsUnder(errors, path);
          const expanded = open.has(view.id) || rowErrors.length > 0;
          const settingsId = `view-settings-${view.id}`;
          const nameId = `view-name-${view.id}`;
          const replace = <V extends View>(update: (v: V) => V) =>
            setViews((list) => list.map((v, i) => (i === index && v.kind === view.kind ? update(v as V) : v)));
          const settingsProps = {
            fieldChoices,
            errorsUnder: (sub: string) => errorsUnder(errors, `${path}.${sub}`),
            errorsAt: (sub: string) => errorsAt(errors, `${path}.${sub}`),
          };
          return (
            <div className="rb-view-row" data-testid="view-row" data-view-id={view.id} data-kind={view.kind}>
              <div className="rb-column-row__line">
                <span className="rb-inline-field rb-view-row__name">
                  <label className="rb-visually-hidden" htmlFor={nameId}>
                    Name of view {index + 1}
                  </label>
                  <input
                    id={nameId}
                    className="rb-input"
                    value={view.name}
                    maxLength={80}
                    aria-invalid={errorsAt(errors, `${path}.name`).length > 0 || undefined}
                    onChange={(e) => {
                      const name = e.target.value;
                      setViews((list) => list.map((v, i) => (i === index ? { ...v, name } : v)));
                    }}
                  />
                </span>
                <span className="rb-column-row__type">{KIND_LABELS[view.kind]}</span>
                {index === 0 ? (
                  <span className="rb-lozenge" data-testid="opens-first">
                    Opens first
                  </span>
                ) : null}
                {rowErrors.length > 0 ? (
                  <span className="rb-column-row__error" role="img" aria-label="Has errors">
                    !
                  </span>
                ) : null}
                <button
                  type="button"
                  className="rb-button rb-button--subtle rb-button--compact rb-disclosure"
                  aria-expanded={expanded}
                  aria-controls={expanded ? settingsId : undefined}
                  aria-label={`Settings of ${view.name || `view ${index + 1}`}`}
                  onClick={() => toggle(view.id)}
                >
                  <span aria-hidden="true" className="rb-disclosure__icon">
                    {expanded ? "▾" : "▸"}
                  </span>
                  Settings
                </button>
              </div>
              <FieldMessages messages={[...errorsUnder(errors, `${path}.name`), ...errorsUnder(errors, `${path}.id`)]} />
              {expanded ? (
                <div className="rb-column-row__details" id={settingsId}>
                  {view.kind === "table" ? (
                    <TableSettings view={view} onChange={replace<TableView>} draft={draft} {...settingsProps} />
                  ) : null}
                  {view.kind === "pivot" ? <PivotSettings view={view} onChange={replace<PivotView>} {...settingsProps} /> : null}
                  {view.kind === "chart" ? (
                    <ChartSettings
                      view={view}
                      onChange={replace<ChartView>}
                      draft={draft}
                      onOpenGrouping={() => onShowPane("grouping")}
                      {...settingsProps}
                    />
                  ) : null}
                </div>
              ) : null}
            </div>
          );
        }}
      />
      <div className="rb-add-row">
        <button type="button" className="rb-button" disabled={!canAddView(draft)} onClick={() => add(newPivot(draft, fieldChoices))}>
          Add pivot
        </button>
        <button type="button" className="rb-button" disabled={!canAddView(draft)} onClick={() => add(newChart(draft))}>
          Add chart
        </button>
        {canAddView(draft) ? null : <span className="rb-subtlest">A report has up to 10 views.</span>}
      </div>
    </div>
  );
}
