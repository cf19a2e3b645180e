/**
 * Modal dialogs. `ConfirmDialog` asks in the host's own modal (`Host.confirm`: Connect's
 * AP.dialog, Forge's Modal), whose backdrop covers the whole Jira page; `Dialog` is a modal inside
 * the iframe (forms: their state lives in this frame): focus moves in on open and back on close,
 * Tab stays inside, Esc closes.
 */

import { useEffect, useId, useLayoutEffect, useRef, type ReactNode } from "react";
import { useServices } from "../services";

export interface DialogProps {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly footer?: ReactNode;
  readonly width?: "small" | "medium";
}

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function Dialog({ title, onClose, children, footer, width = "small" }: DialogProps) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  // The latest onClose, so the key handler never calls a stale one.
  const onCloseRef = useRef(onClose);
  useLayoutEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first = ref.current?.querySelector<HTMLElement>("[data-autofocus]") ?? ref.current?.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? ref.current)?.focus();
    return () => previous?.focus();
  }, []);

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      onCloseRef.current();
      return;
    }
    if (event.key !== "Tab" || !ref.current) return;
    const items = Array.from(ref.current.querySelectorAll<HTMLElement>(FOCUSABLE));
    const firstItem = items[0];
    const lastItem = items[items.length - 1];
    if (!firstItem || !lastItem) return;
    if (event.shiftKey && document.activeElement === firstItem) {
      event.preventDefault();
      lastItem.focus();
    } else if (!event.shiftKey && document.activeElement === lastItem) {
      event.preventDefault();
      firstItem.focus();
    }
  };

  return (
    <div className="rb-dialog-backdrop">
      <div
        ref={ref}
        className={`rb-dialog rb-dialog--${width}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="rb-dialog__title">
          {title}
        </h2>
        <div className="rb-dialog__body">{children}</div>
        {footer ? <div className="rb-dialog__footer">{footer}</div> : null}
      </div>
    </div>
  );
}

export interface ConfirmDialogProps {
  readonly title: string;
  readonly children: ReactNode;
  readonly confirmLabel: string;
  readonly danger?: boolean;
  readonly busy?: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const { host } = useServices();
  return host.confirm ? <HostConfirm {...props} /> : <FrameConfirm {...props} />;
}

/** Asks once, when mounted, in the host's modal. The question is the children's text: it crosses
 * into the dialog's own frame, where only plain text can go. */
function HostConfirm({ title, children, confirmLabel, danger, onConfirm, onCancel }: ConfirmDialogProps) {
  const { host } = useServices();
  const messageRef = useRef<HTMLDivElement>(null);
  const answerRef = useRef({ onConfirm, onCancel });
  useLayoutEffect(() => {
    answerRef.current = { onConfirm, onCancel };
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: one question per mount; a re-render must not open a second dialog
  useEffect(() => {
    const message = (messageRef.current?.textContent ?? "").replace(/\s+/g, " ").trim();
    // Unmounted before the answer came (the screen changed): nobody waits for it any more.
    let waiting = true;
    host.confirm?.({ title, message, confirmLabel, danger: danger === true }).then(
      (confirmed) => {
        if (!waiting) return;
        if (confirmed) answerRef.current.onConfirm();
        else answerRef.current.onCancel();
      },
      () => {
        if (waiting) answerRef.current.onCancel();
      },
    );
    return () => {
      waiting = false;
    };
  }, []);

  return (
    <div ref={messageRef} hidden>
      {children}
    </div>
  );
}

function FrameConfirm({ title, children, confirmLabel, danger, busy, onConfirm, onCancel }: ConfirmDialogProps) {
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="rb-button rb-button--subtle" onClick={onCancel} data-autofocus>
            Cancel
          </button>
          <button
            type="button"
            className={`rb-button ${danger ? "rb-button--danger" : "rb-button--primary"}`}
            onClick={onConfirm}
            disabled={busy}
          >
            {confirmLabel}
          </button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
