/**
 * The handle on a column header's right edge: drag it, or focus it and use the arrow keys
 * (Shift for bigger steps), to change the column's width. A focusable ARIA separator, so screen
 * readers announce the width.
 */

import { useRef } from "react";
import { MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH } from "./columns";

const STEP = 10;
const BIG_STEP = 50;

export interface ColumnResizerProps {
  readonly label: string;
  readonly width: number;
  readonly onResize: (width: number) => void;
}

export function ColumnResizer({ label, width, onResize }: ColumnResizerProps) {
  const drag = useRef<{ startX: number; startWidth: number } | null>(null);

  const onPointerDown = (event: React.PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    drag.current = { startX: event.clientX, startWidth: width };
    event.currentTarget.setPointerCapture?.(event.pointerId);
  };
  const onPointerMove = (event: React.PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    onResize(drag.current.startWidth + event.clientX - drag.current.startX);
  };
  const onPointerUp = (event: React.PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    drag.current = null;
    event.currentTarget.releasePointerCapture?.(event.pointerId);
  };
  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? BIG_STEP : STEP;
    const next =
      event.key === "ArrowRight"
        ? width + step
        : event.key === "ArrowLeft"
          ? width - step
          : event.key === "Home"
            ? MIN_COLUMN_WIDTH
            : event.key === "End"
              ? MAX_COLUMN_WIDTH
              : null;
    if (next === null) return;
    event.preventDefault();
    event.stopPropagation();
    onResize(next);
  };

  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize ${label}`}
      aria-valuenow={width}
      aria-valuemin={MIN_COLUMN_WIDTH}
      aria-valuemax={MAX_COLUMN_WIDTH}
      aria-valuetext={`${width} pixels`}
      tabIndex={0}
      className="rb-resizer"
      data-testid="column-resizer"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
      onClick={(event) => event.stopPropagation()}
    />
  );
}
