/**
 * An ordered list of rule editors that can be reordered by mouse (HTML5 drag and drop on the
 * handle) and by keyboard (Move up / Move down buttons, focus follows the moved item), with the
 * result announced to screen readers.
 */

import { useEffect, useRef, useState, type ReactNode } from "react";

export interface ReorderableListProps<T> {
  readonly items: readonly T[];
  /** Short name of an item for button labels and announcements ("Status column"). */
  readonly itemLabel: (item: T, index: number) => string;
  readonly renderItem: (item: T, index: number) => ReactNode;
  readonly onMove: (from: number, to: number) => void;
  readonly onRemove: (index: number) => void;
  /** Stable keys; index keys would move focus and inputs to the wrong row after a reorder. */
  readonly itemKey: (item: T, index: number) => string;
  readonly testId?: string;
  /** One slim line per item (the item shows its details on demand), for long lists. */
  readonly compact?: boolean;
  /** Whether an item may be removed now (a report keeps at least one view); default: every item. */
  readonly removable?: (item: T, index: number) => boolean;
}

type FocusRequest = { readonly index: number; readonly button: "up" | "down" } | null;

export function ReorderableList<T>({
  items,
  itemLabel,
  renderItem,
  onMove,
  onRemove,
  itemKey,
  testId,
  compact,
  removable,
}: ReorderableListProps<T>) {
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [focusRequest, setFocusRequest] = useState<FocusRequest>(null);
  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    if (!focusRequest || !listRef.current) return;
    const item = listRef.current.children[focusRequest.index];
    const preferred = item?.querySelector<HTMLButtonElement>(`[data-move="${focusRequest.button}"]:not([disabled])`);
    const fallback = item?.querySelector<HTMLButtonElement>("[data-move]:not([disabled])");
    (preferred ?? fallback)?.focus();
    setFocusRequest(null);
  }, [focusRequest]);

  const move = (from: number, to: number, button: "up" | "down" | null) => {
    const item = items[from];
    if (item === undefined || to < 0 || to >= items.length || from === to) return;
    onMove(from, to);
    setAnnouncement(`${itemLabel(item, from)} moved to position ${to + 1} of ${items.length}.`);
    if (button) setFocusRequest({ index: to, button });
  };

  return (
    <>
      <ol ref={listRef} className={compact ? "rb-reorder-list rb-reorder-list--compact" : "rb-reorder-list"} data-testid={testId}>
        {items.map((item, index) => {
          const label = itemLabel(item, index);
          const classes = ["rb-reorder-item"];
          if (dragFrom === index) classes.push("rb-reorder-item--dragging");
          if (dropAt === index && dragFrom !== null && dragFrom !== index) classes.push("rb-reorder-item--drop");
          return (
            <li
              key={itemKey(item, index)}
              className={classes.join(" ")}
              data-testid="reorder-item"
              onDragOver={(event) => {
                if (dragFrom === null) return;
                event.preventDefault();
                event.dataTransfer.dropEffect = "move";
                setDropAt(index);
              }}
              onDrop={(event) => {
                event.preventDefault();
                if (dragFrom !== null) move(dragFrom, index, null);
                setDragFrom(null);
                setDropAt(null);
              }}
            >
              <span
                className="rb-drag-handle"
                draggable
                title="Drag to reorder"
                aria-hidden="true"
                onDragStart={(event) => {
                  setDragFrom(index);
                  event.dataTransfer.effectAllowed = "move";
                  // Firefox starts a drag only when some data is set.
                  event.dataTransfer.setData("text/plain", String(index));
                }}
                onDragEnd={() => {
                  setDragFrom(null);
                  setDropAt(null);
                }}
              >
                ⋮⋮
              </span>
              <div className="rb-reorder-body">{renderItem(item, index)}</div>
              <div className="rb-reorder-actions">
                <button
                  type="button"
                  className="rb-button rb-button--subtle rb-button--compact"
                  data-move="up"
                  aria-label={`Move ${label} up`}
                  disabled={index === 0}
                  onClick={() => move(index, index - 1, "up")}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="rb-button rb-button--subtle rb-button--compact"
                  data-move="down"
                  aria-label={`Move ${label} down`}
                  disabled={index === items.length - 1}
                  onClick={() => move(index, index + 1, "down")}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="rb-button rb-button--subtle rb-button--compact"
                  aria-label={`Remove ${label}`}
                  disabled={removable ? !removable(item, index) : false}
                  onClick={() => onRemove(index)}
                >
                  ✕
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <div className="rb-visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
    </>
  );
}
