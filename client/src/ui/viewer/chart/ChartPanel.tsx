/**
 * A chart view of the report, drawn with ECharts (loaded on demand) from the report's result.
 * The chart is one Tab stop labelled with its one-line summary and described by its data table
 * ("Show as table"); the arrow keys move a current mark that a polite live region reads out, and
 * Enter on it, like a click on a mark, narrows the table to that mark's group (drill-down).
 */

import { useCallback, useEffect, useId, useMemo, useRef, useState, type RefObject } from "react";
import type { ChartView, GroupNode, ReportResult } from "../../../engine/index";
import type { ReportPublic } from "../../../api/resources.gen";
import { errorMessage } from "../../common/errors";
import { ChartDataTable } from "./ChartDataTable";
import { chartData, chartSummary, type ChartData, markGroup, markText } from "./chartData";
import { type Mark, nextMark } from "./chartKeyboard";
import { showChart } from "./chartOnScreen";
import { chartOption } from "./chartOptions";
import type { ECharts } from "./echarts";

export interface ChartPanelProps {
  /** The whole report's result (never a narrowed one). */
  readonly result: ReportResult;
  readonly view: ChartView;
  readonly report: ReportPublic;
  /** The report's name, for the chart's title and description. */
  readonly label: string;
  readonly siteUrl: string | null;
  /** Drill-down from a mark: the table narrowed to that group of the report's result. */
  readonly onShowGroup: (group: GroupNode) => void;
}

export function ChartPanel({ result, view, report, label, onShowGroup }: ChartPanelProps) {
  const outcome = useMemo(() => chartData(result, view, report.grouping_rules), [result, view, report.grouping_rules]);
  if (outcome.kind === "notice") {
    return (
      <p className="rb-chart-notice" data-testid="chart-notice">
        {outcome.message}
      </p>
    );
  }
  return <DrawnChart data={outcome.data} name={`${label} (${view.name})`} onShowGroup={onShowGroup} />;
}

interface DrawnChartProps {
  readonly data: ChartData;
  readonly name: string;
  readonly onShowGroup: (group: GroupNode) => void;
}

function DrawnChart({ data, name, onShowGroup }: DrawnChartProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const { chart, loadError } = useEChart(hostRef);
  const [drawn, setDrawn] = useState<ChartData | null>(null);
  const [mark, setMark] = useState<Mark | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [tableShown, setTableShown] = useState(false);
  const tableId = useId();
  const summary = chartSummary(data, name);
  const ready = chart !== null && drawn === data;

  useEffect(() => {
    if (!chart) return;
    chart.setOption(chartOption(data, summary), { notMerge: true });
    setDrawn(data);
  }, [chart, data, summary]);

  // New results (more pages, Refresh) may have fewer groups: a mark past the end is dropped.
  const current = mark && mark.category < data.categories.length && mark.series < data.series.length ? mark : null;

  const drill = useCallback(
    (category: number, series: number) => {
      const group = markGroup(data, category, series);
      if (group) onShowGroup(group);
      else setAnnouncement(`${markText(data, category, series)}. No issues to show.`);
    },
    [data, onShowGroup],
  );
  const drillRef = useRef(drill);
  drillRef.current = drill;

  useEffect(() => {
    if (!chart) return;
    const onClick = (params: { seriesIndex?: number; dataIndex?: number }) => {
      if (params.dataIndex !== undefined) drillRef.current(params.dataIndex, params.seriesIndex ?? 0);
    };
    chart.on("click", onClick);
    return () => {
      chart.off("click", onClick);
    };
  }, [chart]);

  // The Export menu offers PNG and SVG of this chart while it is drawn.
  useEffect(() => {
    if (!chart || !ready) return;
    return showChart({ svg: () => chart.renderToSVGString(), size: () => ({ width: chart.getWidth(), height: chart.getHeight() }) });
  }, [chart, ready]);

  // The current mark, shown as a hovered mark is: highlighted, with its tooltip.
  useEffect(() => {
    if (!chart || !ready) return;
    chart.dispatchAction({ type: "downplay" });
    if (current === null) {
      chart.dispatchAction({ type: "hideTip" });
      return;
    }
    chart.dispatchAction({ type: "highlight", seriesIndex: current.series, dataIndex: current.category });
    chart.dispatchAction({ type: "showTip", seriesIndex: current.series, dataIndex: current.category });
  }, [chart, ready, current]);

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Enter" && current) {
      event.preventDefault();
      drill(current.category, current.series);
      return;
    }
    const next = nextMark(current, event.key, data.categories.length, data.series.length);
    if (!next) return;
    event.preventDefault();
    setMark(next);
    setAnnouncement(markText(data, next.category, next.series));
  };

  return (
    <div className="rb-chart-panel" data-testid="chart-panel">
      {data.notes.length > 0 ? (
        <ul className="rb-chart-notes rb-subtle" data-testid="chart-notes">
          {data.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
      {loadError ? (
        <p className="rb-chart-notice" role="alert">
          The chart could not be loaded: {loadError}
        </p>
      ) : null}
      <div
        className="rb-chart"
        data-testid="chart"
        data-chart-type={data.chartType}
        data-ready={ready ? "true" : "false"}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the chart is one Tab stop; arrow keys move between its marks
        tabIndex={0}
        role="group"
        aria-roledescription="chart"
        aria-label={summary}
        aria-describedby={tableId}
        onKeyDown={onKeyDown}
        onBlur={() => setMark(null)}
      >
        <div ref={hostRef} className="rb-chart__canvas" />
      </div>
      <p className="rb-visually-hidden" aria-live="polite" data-testid="chart-announcement">
        {announcement}
      </p>
      <div className="rb-chart-actions">
        <span className="rb-subtle">Use the arrow keys on the chart to move between marks, Enter to show a mark's issues.</span>
        <button
          type="button"
          className="rb-button rb-button--subtle"
          aria-expanded={tableShown}
          aria-controls={tableId}
          onClick={() => setTableShown((shown) => !shown)}
          data-testid="chart-show-table"
        >
          {tableShown ? "Hide table" : "Show as table"}
        </button>
      </div>
      <ChartDataTable id={tableId} data={data} caption={summary} visible={tableShown} />
    </div>
  );
}

/** An ECharts instance in `host` once the chart chunk has loaded; resized with it, disposed on unmount. */
function useEChart(hostRef: RefObject<HTMLDivElement | null>): { chart: ECharts | null; loadError: string | null } {
  const [chart, setChart] = useState<ECharts | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    let disposed = false;
    let instance: ECharts | null = null;
    let observer: ResizeObserver | null = null;
    import("./echarts")
      .then((module) => {
        if (disposed) return;
        instance = module.createChart(host);
        observer = new ResizeObserver(() => instance?.resize());
        observer.observe(host);
        setChart(instance);
      })
      .catch((error: unknown) => {
        if (!disposed) setLoadError(errorMessage(error));
      });
    return () => {
      disposed = true;
      observer?.disconnect();
      instance?.dispose();
      setChart(null);
    };
  }, [hostRef]);
  return { chart, loadError };
}
